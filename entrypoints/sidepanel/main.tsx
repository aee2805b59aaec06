import { render } from 'preact';

render(<h1>Backend Logs</h1>, document.getElementById('app')!);
