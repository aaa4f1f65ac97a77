// Starts a real Herald hub (the runnable jar) for browser tests and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { insecureRequest } from './tls.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const jar = process.env.HERALD_JAR ?? path.join(here, '..', 'herald-app', 'target', 'herald.jar');

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls until fn() resolves truthy or the deadline passes. */
export async function eventually(fn, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await fn()) return;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** @param tls { cert, key } PEM files: the hub serves HTTPS (HTTP/2 and HTTP/1.1) with them */
export async function startHub(extraArgs = [], { tls } = {}) {
  const port = await freePort();
  // The default SQLite history, in a fresh directory so runs never see each other's updates.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'herald-e2e-'));
  // stop() sends SIGTERM: a short drain, so that pages still open do not hold it for the default 30 s.
  const args = ['-jar', jar, 'serve', '--bind', '127.0.0.1', '--port', String(port), '--data-dir', dataDir,
    '--drain-timeout', '1s', ...(tls ? ['--tls-cert', tls.cert, '--tls-key', tls.key] : [])];
  const proc = spawn('java', [...args, ...extraArgs], {
    stdio: ['pipe', 'inherit', 'pipe'],
  });
  let log = '';
  proc.stderr.on('data', (chunk) => { log += chunk; });
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const healthy = tls ? async () => (await insecureRequest(`${url}/healthz`)).status === 200
    : async () => (await fetch(`${url}/healthz`)).ok;
  await eventually(healthy, `the hub on ${url}\n${log}`, 30_000);
  return {
    url,
    stdin: proc.stdin,
    log: () => log,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((resolve) => proc.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
