// The simulator's public face for the demo and the end-to-end tests.
export { startSimulator, type Simulator, type SimulatorOptions, type SimulatorState } from './simulator';
export type { RequestRecord } from './request-record';
export type { Fault, FaultMode } from './faults';
export type { PluginMode } from './context';
export type { Look } from './real-look';
export type { DiscoveryAnswer } from './discovery';
export type { WireLogEntry, LogsAnswer } from './types';
export { USERS, DEFAULT_API_TOKENS } from './auth';
export { PROXY_PATH } from './proxy';
