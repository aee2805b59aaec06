// Firefox with a policies.json only it reads. Debian's firefox-esr reads policies from the
// `distribution` folder of its installation (and not from /etc/firefox-esr/policies:
// docs/rollout.md), so that folder is replaced for this browser alone (../e2e/private-mount.ts).
// Firefox reads policies when it starts: one policy per launch.
import { realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { privateMountWrapper } from '../e2e/private-mount';
import { ADDON_ID, FIREFOX } from './firefox';

export interface PolicyFirefox {
  /** The wrapper to give as the executablePath. */
  executablePath: string;
  remove(): Promise<void>;
}

/** Firefox whose policies.json sets `policy` as the add-on's `3rdparty` settings. */
export async function policyFirefox(policy: Record<string, unknown>): Promise<PolicyFirefox> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pbl-ff-policy-'));
  const folder = path.join(dir, 'distribution');
  const over = path.join(path.dirname(realpathSync(FIREFOX)), 'distribution');
  const executablePath = await privateMountWrapper(dir, { over, executable: FIREFOX, folder, leaveOut: ['policies.json'] });
  await writeFile(path.join(folder, 'policies.json'), JSON.stringify({ policies: { '3rdparty': { Extensions: { [ADDON_ID]: policy } } } }, null, 2));
  return { executablePath, remove: () => rm(dir, { recursive: true, force: true }) };
}
