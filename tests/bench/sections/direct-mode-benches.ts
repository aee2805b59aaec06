// 7. Direct mode (the extension talking to the backend itself): RESERVED, not measured yet.
// The lead adds these figures once the direct mode lands (issue 13); run.ts already calls
// this section (`--only direct`) and prints what it returns.
//
// To add, each against the simulator's backend (startSimulator: sim.backendUrl, its key):
// - a new entry on screen after the backend writes it, p95: with the stream
//   (`/admin/logs/stream`, target well under 1 s) and with polling (baseline: the
//   view interval). Time from `sim.buffer.append` (or POST /__sim/logs) to the row
//   painted in the panel (tests/bench/page/peer-page.ts has the in-page helpers).
// - requests per minute per backend with three tabs and the side panel open, with the
//   budget stated: the backend allows 300/min per address, shared with NetBox's syncs
//   (count `server === 'backend'` records of sim.requests, as 4-5 do for NetBox).
import type { Figure } from '../report';

export interface DirectModeBenchOptions {
  extensionDir: string;
  log: (line: string) => void;
}

export async function runDirectModeBenches(_opts: DirectModeBenchOptions): Promise<{ figures: Figure[]; raw: unknown }> {
  return { figures: [], raw: null };
}
