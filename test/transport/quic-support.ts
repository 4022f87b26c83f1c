// A certificate the quic: tests' library accepts (support.ts runs their fixtures).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

