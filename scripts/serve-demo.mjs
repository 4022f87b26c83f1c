// `npm run demo`: serves the demo page (demo/) and the library it imports
// (dist/) on http://127.0.0.1:<port>/, and nothing else of the repository.
// Build first (`npm install` does). Port: $PORT, or 8080, or any free one if
// 8080 is taken. Every response carries a strict Content-Security-Policy (the
// page needs script-src 'self' 'wasm-unsafe-eval') and X-Content-Type-Options:
// nosniff; see scripts/static-server.mjs for what else the server refuses.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
if (!existsSync(new URL('../dist/index.mjs', import.meta.url))) {
  console.error('dist/ is missing: run `npm run build` (or `npm install`) first.');
  process.exit(1);
}

const options = { root, directories: ['demo', 'dist'], home: '/demo/' };
const wanted = process.env.PORT ? Number(process.env.PORT) : 8080;
let server;
try {
  server = await startStaticServer({ ...options, port: wanted });
} catch (error) {
  if (error.code !== 'EADDRINUSE' || process.env.PORT) throw error;
  server = await startStaticServer({ ...options, port: 0 });
}
console.log(`Midstream demo: ${server.url}/demo/`);
console.log('Press Ctrl+C to stop.');
process.on('SIGINT', async () => {
  await server.close();
  process.exit(0);
});
