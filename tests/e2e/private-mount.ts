// A browser that sees a folder of the test's own where the machine keeps its policy, and
// nothing else changed: a wrapper script, given to the driver as the browser's executable,
// starts it in a private mount namespace (`unshare --mount`, as root) with the folder bound
// over the system's. Every other process sees the machine's folder as it is. Shared by the
// Chromium (./policy-chromium.ts) and Firefox (../e2e-firefox/policy-firefox.ts) journeys.
import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface PrivateMount {
  /** The system folder to hide, e.g. /etc/chromium. */
  over: string;
  /** The browser to start. */
  executable: string;
  /** The test's own folder (created; the system folder's entries are copied in, but for `leaveOut`). */
  folder: string;
  /** Entries of the system folder not copied (its policies). */
  leaveOut?: string[];
}

/** Writes the wrapper into `dir` and returns its path. */
export async function privateMountWrapper(dir: string, mount: PrivateMount): Promise<string> {
  if (process.getuid?.() !== 0) throw new Error('A browser with a policy of the test\'s own starts in a private mount namespace, which needs root (unshare --mount).');
  // Says at once, in its own words, when this machine cannot make one (no unshare, no permission).
  execFileSync('unshare', ['--mount', 'true'], { stdio: 'pipe' });
  await mkdir(mount.folder, { recursive: true });
  for (const entry of await readdir(mount.over)) {
    if (!mount.leaveOut?.includes(entry)) await cp(path.join(mount.over, entry), path.join(mount.folder, entry), { recursive: true });
  }
  const wrapper = path.join(dir, `${path.basename(mount.executable)}-private-mount`);
  await writeFile(
    wrapper,
    [
      '#!/bin/sh',
      `# ${mount.executable} with ${mount.over} replaced by the test's folder, for this process tree only.`,
      `exec unshare --mount --propagation private sh -c 'mount --bind "$0" "$1" && shift && exec "$@"' "${mount.folder}" "${mount.over}" "${mount.executable}" "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(wrapper, 0o755);
  return wrapper;
}
