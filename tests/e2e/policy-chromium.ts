// Chromium with an administrator's policy that only it sees. Chromium on Linux reads policy
// from /etc/chromium/policies/managed/ and nowhere else, and no test may write there for the
// whole machine. So the browser starts in a private mount namespace (`unshare --mount`, as
// root) where a folder of the test's own is bound over /etc/chromium: every other process,
// and every other test, sees the machine's /etc/chromium as it is. Facts: docs/rollout.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, EXTENSION_DIR } from './browser';

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
  remove(): Promise<void>;
}

export async function policyChromium(): Promise<PolicyChromium> {
  if (process.getuid?.() !== 0) throw new Error('The policy journey starts Chromium in a private mount namespace, which needs root (unshare --mount).');
  // Says at once, in its own words, when this machine cannot make one (no unshare, no permission).
  execFileSync('unshare', ['--mount', 'true'], { stdio: 'pipe' });

  const dir = await mkdtemp(path.join(tmpdir(), 'pbl-policy-'));
  const etc = path.join(dir, 'etc-chromium');
  const managed = path.join(etc, 'policies', 'managed');
  await mkdir(managed, { recursive: true });
  // The machine's other Chromium settings (master_preferences), none of its policies.
  for (const entry of await readdir(SYSTEM_ETC)) {
    if (entry !== 'policies') await cp(path.join(SYSTEM_ETC, entry), path.join(etc, entry), { recursive: true });
  }
  const executablePath = path.join(dir, 'chromium-with-policy');
  await writeFile(
    executablePath,
    [
      '#!/bin/sh',
      '# Chromium with /etc/chromium replaced by the test\'s folder, for this process tree only.',
      `exec unshare --mount --propagation private sh -c 'mount --bind "$0" ${SYSTEM_ETC} && exec "$@"' "${etc}" "${CHROMIUM}" "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(executablePath, 0o755);

  const extensionId = unpackedExtensionId(EXTENSION_DIR);
  return {
    executablePath,
    extensionId,
    async setPolicy(policy) {
      const file = { '3rdparty': { extensions: { [extensionId]: policy } } };
      // Written whole, then renamed: Chromium's watcher never reads half a file.
      const temp = path.join(dir, 'policy.json.tmp');
      await writeFile(temp, JSON.stringify(file, null, 2));
      await rename(temp, path.join(managed, 'proxbox.json'));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
