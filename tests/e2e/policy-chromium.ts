// Chromium with an administrator's policy that only it sees. Chromium on Linux reads policy
// from /etc/chromium/policies/managed/ and nowhere else, and no test may write there for the
// whole machine: a folder of the test's own is bound over /etc/chromium for this browser alone
// (./private-mount.ts). Facts: docs/rollout.md.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, EXTENSION_DIR } from './browser';
import { privateMountWrapper } from './private-mount';

const SYSTEM_ETC = '/etc/chromium';

/** The id Chromium gives an unpacked extension without a `key`: from the SHA-256 of its absolute path, in letters a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export interface PolicyChromium {
  /** The wrapper to give as the executablePath. */
  executablePath: string;
  /** The id the policy is written for (the e2e build's, from its path). */
  extensionId: string;
  /** Writes the extension's `3rdparty` policy; Chromium notices a change of the file while it runs. */
  setPolicy(policy: Record<string, unknown>): Promise<void>;
  /** Writes a whole policy file (Chrome's policies and the extension's). */
  setPolicyFile(file: unknown): Promise<void>;
  remove(): Promise<void>;
}

export async function policyChromium(): Promise<PolicyChromium> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pbl-policy-'));
  const etc = path.join(dir, 'etc-chromium');
  // The machine's other Chromium settings (master_preferences), none of its policies.
  const executablePath = await privateMountWrapper(dir, { over: SYSTEM_ETC, executable: CHROMIUM, folder: etc, leaveOut: ['policies'] });
  const managed = path.join(etc, 'policies', 'managed');
  await mkdir(managed, { recursive: true });

  const extensionId = unpackedExtensionId(EXTENSION_DIR);
  return {
    executablePath,
    extensionId,
    setPolicy: (policy) => writePolicyFile(dir, managed, { '3rdparty': { extensions: { [extensionId]: policy } } }),
    setPolicyFile: (file) => writePolicyFile(dir, managed, file),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Written whole, then renamed into place: Chromium's watcher never reads half a file. */
async function writePolicyFile(dir: string, managed: string, file: unknown): Promise<void> {
  const temp = path.join(dir, 'policy.json.tmp');
  await writeFile(temp, JSON.stringify(file, null, 2));
  await rename(temp, path.join(managed, 'proxbox.json'));
}
