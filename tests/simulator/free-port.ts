// Starts the simulator on the port asked for, or the next free one when it is taken (a
// NetBox development server listens on 8000 too): the demo and the CLI say so in one
// sentence instead of dying with EADDRINUSE.
import { startSimulator, type Simulator, type SimulatorOptions } from './simulator';

const TRIES = 20;

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

export async function startOnFreePort(
  port: number,
  options: Omit<SimulatorOptions, 'port'> = {},
  what = 'the demo NetBox',
): Promise<{ sim: Simulator; takenSentence: string | null }> {
  if (port === 0) return { sim: await startSimulator({ ...options, port }), takenSentence: null };
  for (let candidate = port; candidate < Math.min(port + TRIES, 65536); candidate++) {
    try {
      const sim = await startSimulator({ ...options, port: candidate });
      const takenSentence =
        candidate === port ? null : `Port ${port} is taken (another NetBox?), so ${what} uses port ${candidate}; choose one with PORT= or --port.`;
      return { sim, takenSentence };
    } catch (error) {
      if (!isAddressInUse(error)) throw error;
    }
  }
  const sim = await startSimulator({ ...options, port: 0 });
  return { sim, takenSentence: `Ports ${port} to ${port + TRIES - 1} are taken, so ${what} uses port ${sim.port}; choose one with PORT= or --port.` };
}
