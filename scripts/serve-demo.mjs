// `npm run demo`: serves the repository on http://127.0.0.1:<port>/ and prints
// the demo page's URL. The page imports ../dist/index.mjs, so build first
// (`npm install` does). Port: $PORT, or 8080, or any free one if 8080 is taken.
// The responses carry the strict Content-Security-Policy that Midstream needs
// at least: script-src 'self' 'wasm-unsafe-eval'.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
if (!existsSync(new URL('../dist/index.mjs', import.meta.url))) {
  console.error('dist/ is missing: run `npm run build` (or `npm install`) first.');
  process.exit(1);
}

const csp = { 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" };
const wanted = process.env.PORT ? Number(process.env.PORT) : 8080;
let server;
try {
  server = await startStaticServer({ root, port: wanted, headers: () => csp });
} catch (error) {
  if (error.code !== 'EADDRINUSE' || process.env.PORT) throw error;
  server = await startStaticServer({ root, port: 0, headers: () => csp });
}
console.log(`Midstream demo: ${server.url}/demo/`);
console.log('Press Ctrl+C to stop.');
process.on('SIGINT', async () => {
  await server.close();
  process.exit(0);
});
