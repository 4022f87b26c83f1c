// `midstream serve`: the transport server of `midstream/node` as a command.
// Runs until SIGINT/SIGTERM; the listening URLs go to stderr.
import { readFileSync } from 'node:fs';
import { serve } from '../node';
import { CliUsageError } from './errors';
import { parseOptions } from './options';

export const SERVE_COMMAND = `  midstream serve [options]                      accept live feeds over WebSocket and HTTP/2
`;

/** Its options, for main.ts's usage text. */
export const SERVE_OPTIONS = `Options for serve:
  --port <n>                port (default 8765; 0 picks a free one)
  --host <address>          address to bind (default 127.0.0.1: this machine only)
  --token <T>               require this bearer token (or set MIDSTREAM_TOKEN)
  --tls-cert <file.pem>     certificate: serve wss: and https: (needs --tls-key)
  --tls-key <file.pem>      private key of the certificate
  --allow-origin <origin>   a browser origin allowed to connect (repeatable; '*' for any)
  --max-streams <n>         streams per connection (default 100)
  --quic                    also accept QUIC on the same port number over UDP (needs
                            --tls-cert/--tls-key and the optional package @matrixai/quic)
`;

/** Starts the server; returns 0 at once (the process lives on), 2 for a bad command line, 1 for an unreadable certificate. */
export function serveCommand(argv: string[]): number {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseOptions(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'max-streams': { type: 'string' },
      quic: { type: 'boolean' },
    }));
    if (positionals.length > 0) throw new CliUsageError(`serve takes options only, got "${positionals[0]}"`);
  } catch (error) {
    process.stderr.write(`midstream serve: ${(error as Error).message}\nRun "midstream --help" for the options.\n`);
    return 2;
  }
  const whole = (name: string, text: string | undefined, min: number, max: number) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
    return n;
  };
  try {
    if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new CliUsageError('--tls-cert and --tls-key go together');
    if (values.quic && values['tls-cert'] === undefined) throw new CliUsageError('--quic needs --tls-cert and --tls-key (QUIC always uses TLS)');
    const port = whole('port', values.port, 0, 65535);
    const maxStreamsPerConnection = whole('max-streams', values['max-streams'], 1, 1_000_000);
    const tls = values['tls-cert'] === undefined ? undefined : { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']!) };
    const options = {
      port,
      host: values.host,
      token: values.token ?? process.env.MIDSTREAM_TOKEN,
      tls,
      allowedOrigins: values['allow-origin'],
      maxStreamsPerConnection,
      quic: values.quic ? {} : undefined,
    };
    serve(options).then(
      (server) => {
        const quic = server.quicUrl ? ` and ${server.quicUrl} (QUIC)` : '';
        process.stderr.write(`midstream serve: listening on ${server.webSocketUrl} (WebSocket), ${server.http2Url} (HTTP/2)${quic}\n`);
        const stop = () => {
          process.stderr.write('midstream serve: closing\n');
          server.close().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
      (error: Error) => {
        process.stderr.write(`midstream serve: error: ${error.message}\n`);
        process.exitCode = 1;
      },
    );
    return 0;
  } catch (error) {
    // A bad option value is a bad command line (2); a certificate file that cannot be read is unusable input (1).
    const usage = error instanceof CliUsageError;
    process.stderr.write(`midstream serve: ${usage ? '' : 'error: '}${(error as Error).message}\n${usage ? 'Run "midstream --help" for the options.\n' : ''}`);
    return usage ? 2 : 1;
  }
}
