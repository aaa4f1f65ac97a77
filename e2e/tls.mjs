// TLS for browser tests: a throwaway self-signed certificate (made by openssl) and requests that
// accept it from Node, which, unlike the browser, cannot be told to ignore certificate errors per call.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

/** An EC P-256 certificate for 127.0.0.1 and localhost: { cert, key, dispose() }, PEM files. */
export function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'herald-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'pipe' });
  return { cert, key, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An HTTPS request that accepts a self-signed certificate: resolves { status, body }. */
export function insecureRequest(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    // agent: false, a connection of its own closed after: it never adds to the connections a test counts.
    const request = https.request(url, { method, headers, rejectUnauthorized: false, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}
