// `npm run sim -- --port 8000 --rate 2 --base-path /netbox --plugin proxy`: a simulated
// NetBox + Proxbox for manual testing. Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { PLUGIN_MODES, type PluginMode } from './context';
import { startOnFreePort } from './free-port';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8000' },
    'backend-port': { type: 'string', default: '0' },
    rate: { type: 'string', default: '2' },
    'base-path': { type: 'string', default: '' },
    seed: { type: 'string' },
    capacity: { type: 'string' },
    'proxy-timeout-ms': { type: 'string' },
    plugin: { type: 'string', default: 'discovery' },
    'advertised-backend-url': { type: 'string' },
    look: { type: 'string', default: 'sim' },
    'backend-tls': { type: 'boolean', default: false },
    history: { type: 'string', default: '0' },
    'history-hours': { type: 'string', default: '8' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: tsx tests/simulator/cli.ts [--port 8000] [--backend-port 0] [--rate 2] [--base-path /netbox]
                                  [--seed N] [--capacity 10000] [--proxy-timeout-ms 10000]
                                  [--plugin discovery|proxy] [--advertised-backend-url http://proxbox-api:8800]
                                  [--look sim|real] [--backend-tls] [--history 0] [--history-hours 8]
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

if (!PLUGIN_MODES.includes(values.plugin as PluginMode)) {
  console.error(`--plugin must be ${PLUGIN_MODES.join(' or ')}, got ${JSON.stringify(values.plugin)}`);
  process.exit(2);
}

if (values.look !== 'sim' && values.look !== 'real') {
  console.error(`--look must be sim or real, got ${JSON.stringify(values.look)}`);
  process.exit(2);
}

const { sim, takenSentence } = await startOnFreePort(number('port', values.port) ?? 8000, {
  plugin: values.plugin as PluginMode,
  look: values.look,
  advertisedBackendUrl: values['advertised-backend-url'],
  backendPort: number('backend-port', values['backend-port']),
  writerRate: number('rate', values.rate),
  basePath: values['base-path'],
  seed: number('seed', values.seed),
  capacity: number('capacity', values.capacity),
  proxyTimeoutMs: number('proxy-timeout-ms', values['proxy-timeout-ms']),
  backendTls: values['backend-tls'],
}, 'the simulator');

if (takenSentence) console.log(takenSentence);
sim.writer.backfill(number('history', values.history) ?? 0, number('history-hours', values['history-hours']) || 8);
const state = sim.state();
console.log(`NetBox simulator:   ${sim.url}
  login:            ${state.users.map((u) => `${u.username}/${u.password}`).join(', ')} (viewer may not see backend logs)
  plugin:           ${state.plugin} (${sim.baseUrl}/api/plugins/proxbox/logs/)
  control API:      ${sim.origin}/__sim/state
proxbox-api backend: ${sim.backendUrl}/admin/logs (X-Proxbox-API-Key: ${state.backend_api_key})${sim.backendCertificate ? `
  self-signed certificate, SHA-256 ${sim.backendCertificate.fingerprint256}` : ''}
writer: ${state.writer.rate} entries/s, after ${sim.buffer.size} entries of history`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
