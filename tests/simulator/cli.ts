// `npm run sim -- --port 8000 --rate 2 --base-path /netbox`: a simulated NetBox + Proxbox
// for the demo and manual testing. Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { startSimulator } from './simulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8000' },
    'backend-port': { type: 'string', default: '0' },
    rate: { type: 'string', default: '2' },
    'base-path': { type: 'string', default: '' },
    seed: { type: 'string' },
    capacity: { type: 'string' },
    'proxy-timeout-ms': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: tsx tests/simulator/cli.ts [--port 8000] [--backend-port 0] [--rate 2] [--base-path /netbox]
                                  [--seed N] [--capacity 10000] [--proxy-timeout-ms 10000]
See docs/simulator.md.`);
  process.exit(0);
}

const number = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
};

const sim = await startSimulator({
  port: number('port', values.port),
  backendPort: number('backend-port', values['backend-port']),
  writerRate: number('rate', values.rate),
  basePath: values['base-path'],
  seed: number('seed', values.seed),
  capacity: number('capacity', values.capacity),
  proxyTimeoutMs: number('proxy-timeout-ms', values['proxy-timeout-ms']),
});

const state = sim.state();
console.log(`NetBox simulator:   ${sim.url}
  login:            ${state.users.map((u) => `${u.username}/${u.password}`).join(', ')} (viewer may not see backend logs)
  logs proxy:       ${sim.baseUrl}/api/plugins/proxbox/logs/
  control API:      ${sim.origin}/__sim/state
proxbox-api backend: ${sim.backendUrl}/admin/logs (X-Proxbox-API-Key: ${state.backend_api_key})
writer: ${state.writer.rate} entries/s`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
