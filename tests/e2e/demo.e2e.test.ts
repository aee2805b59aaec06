// The demo's first minute (issue 16) on a machine where NetBox's usual port 8000 is taken:
// one sentence, the next free port, and what the user needs printed last, at a URL that
// answers. The build step is skipped (--skip-build): the extension build has its own checks.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DEFAULT_PORT = 8000;
let holder: Server | undefined;
let demo: ChildProcess | undefined;
let stdout = '';
let stderr = '';

/** Holds port 8000 for the test; when something else already holds it, it is taken all the same. */
function occupy(port: number): Promise<Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(undefined) : reject(error)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

beforeAll(async () => {
  holder = await occupy(DEFAULT_PORT);
  const env = { ...process.env };
  delete env.PORT;
  delete env.DISPLAY; // no browser window: the demo prints how to load the extension
  demo = spawn(process.execPath, ['--import', 'tsx', 'tests/simulator/demo.ts', '--skip-build', '--rate', '0'], { env });
  demo.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  demo.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
});

afterAll(async () => {
  if (demo && demo.exitCode === null) {
    const exited = new Promise((resolve) => demo!.once('exit', resolve));
    demo.kill('SIGTERM');
    await exited;
  }
  await new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve()));
});

describe('npm run demo with port 8000 taken', () => {
  it('says so in one sentence, uses the next free port, and ends with what the user needs', async () => {
    await expect.poll(() => /^Backend key: .*$/m.test(stdout) || demo!.exitCode !== null, { timeout: 60_000 }).toBe(true);
    expect(demo!.exitCode).toBeNull();
    expect(stderr).not.toMatch(/EADDRINUSE|\n\s+at /); // no stack trace

    const sentence = /^Port 8000 is taken \(another NetBox\?\), so the demo NetBox uses port (\d+); choose one with PORT= or --port\.$/m.exec(stdout);
    expect(sentence, stdout).not.toBeNull();
    const port = Number(sentence![1]);
    expect(port).toBeGreaterThan(DEFAULT_PORT);

    // The last lines: the NetBox URL, the login and the backend key, after everything else.
    const lines = stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^=+$/);
    expect(lines.at(-2)).toMatch(/^Backend key: {2}\S+/);
    expect(lines.at(-3)).toMatch(/^Log in: {7}admin \/ admin/);
    const url = /^NetBox: {7}(\S+)$/.exec(lines.at(-4)!)?.[1];
    expect(url).toBe(`http://127.0.0.1:${port}/`);

    // And it answers: NetBox's login redirect, then the login form.
    const home = await fetch(url!, { redirect: 'manual' });
    expect([home.status, home.headers.get('location')]).toEqual([302, '/login/?next=/']);
    const login = await fetch(new URL('/login/', url));
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('csrfmiddlewaretoken');
  });
});
