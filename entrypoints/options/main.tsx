import { render } from 'preact';

render(<h1>Proxbox Backend Logs – Options</h1>, document.getElementById('app')!);
