// Starts the packaged example application (examples/spring-inbox) in a fresh directory for its
// browser test, and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from '../hub.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const jar = process.env.INBOX_JAR ?? path.join(here, '..', '..', 'examples', 'spring-inbox', 'target', 'spring-inbox.jar');

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startInbox() {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-inbox-'));
  const proc = spawn('java', ['-jar', jar, `--server.port=${port}`, '--server.address=127.0.0.1'], {
    cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (chunk) => { log += chunk; });
  proc.stderr.on('data', (chunk) => { log += chunk; });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => (await fetch(`${url}/actuator/health`)).ok, `the inbox on ${url}\n${log}`, 60_000);
  return {
    url,
    log: () => log,
    /** Sends a notification as a script would: JSON, HTTP Basic. */
    async send(from, to, text) {
      const response = await fetch(`${url}/api/notifications`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${from}:${from}`).toString('base64')}`,
          'Content-Type': 'application/json' },
        body: JSON.stringify({ user: to, text }),
      });
      if (response.status !== 201) throw new Error(`send answered ${response.status}: ${await response.text()}`);
      return response.json();
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((resolve) => proc.once('exit', resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
