// Helpers shared by the quic: tests: a certificate the library accepts, and
// child processes running fixtures.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestCertificate {
  cert: Buffer;
  key: Buffer;
  certPath: string;
  keyPath: string;
  remove(): void;
}

/**
 * A self-signed certificate for 127.0.0.1 made by openssl. The library's TLS
 * (BoringSSL) matches the host as a DNS name, even for an IP address, so the
 * certificate names 127.0.0.1 both ways.
 */
export function makeCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'midstream-quic-'));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:127.0.0.1',
  ], { stdio: 'ignore' });
  return { cert: readFileSync(certPath), key: readFileSync(keyPath), certPath, keyPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs test/transport/fixtures/<name> with tsx; resolves with the child and its
 * first line of output. (faults.test.ts has the same helper for its fixtures.)
 */
export function runFixture(children: ChildProcess[], name: string, args: string[] = []): Promise<{ child: ChildProcess; line: string }> {
  const path = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, line: out.split('\n')[0] });
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}
