import { render } from 'preact';

render(<h1>Proxbox Backend Logs</h1>, document.getElementById('app')!);
