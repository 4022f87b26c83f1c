// The optional QUIC library, @matrixai/quic (Cloudflare quiche through napi),
// loaded with a dynamic import only when a quic: URL or serve's `quic` option
// asks for it. The specifier is a variable so that neither TypeScript nor
// rollup resolves it: the build works without the package, and no bundle
// references it. The types below are the few parts of its API used here.
import { createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';

/** The npm name of the optional package. */
export const QUIC_PACKAGE = '@matrixai/quic';
/** ALPN of the framed multiplexer over QUIC; both ends must offer it. */
export const QUIC_ALPN = 'midstream.v1';

export interface QuicStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  cancel(reason?: unknown): void;
}

export interface QuicConnection extends EventTarget {
  readonly remoteHost: string;
  readonly remotePort: number;
  newStream(type?: 'bidi' | 'uni'): QuicStream;
  stop(options?: { isApp?: boolean; errorCode?: number; reason?: Uint8Array; force?: boolean }): Promise<void>;
}

export interface QuicClient extends EventTarget {
  readonly connection: QuicConnection;
  destroy(options?: { isApp?: boolean; errorCode?: number; reason?: Uint8Array; force?: boolean }): Promise<void>;
}

export interface QuicServer extends EventTarget {
  readonly host: string;
  readonly port: number;
  start(options: { host: string; port: number }): Promise<void>;
  stop(options?: { isApp?: boolean; errorCode?: number; force?: boolean }): Promise<void>;
}

/** Config keys as the library names them (a subset). */
export interface QuicConfig {
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  cert?: string | Uint8Array;
  key?: string | Uint8Array;
  verifyPeer?: boolean;
  maxIdleTimeout?: number;
  keepAliveIntervalTime?: number;
  applicationProtos?: string[];
}

export interface QuicModule {
  QUICClient: {
    createQUICClient(
      options: { host: string; port: number; crypto: object; config: QuicConfig; logger: object },
      context?: { timer?: number; signal?: AbortSignal },
    ): Promise<QuicClient>;
  };
  QUICServer: new (options: { crypto: object; config: QuicConfig; logger: object }) => QuicServer;
  events: {
    EventQUICServerConnection: { name: string };
    EventQUICConnectionStream: { name: string };
    EventQUICConnectionError: { name: string };
    EventQUICConnectionStopped: { name: string };
  };
}

let loaded: Promise<QuicModule> | undefined;

/**
 * Imports the library once; a missing package becomes an error saying how to
 * install it. `specifier` is for tests that simulate its absence.
 */
export function loadQuic(where: string, specifier: string = QUIC_PACKAGE): Promise<QuicModule> {
  const load = async () => {
    try {
      const module = (await import(/* @vite-ignore */ specifier)) as { default?: QuicModule } & QuicModule;
      return module.QUICClient ? module : module.default!;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
        throw new Error(`${where}: the quic: backend needs the optional package ${QUIC_PACKAGE}; npm install ${QUIC_PACKAGE}`, { cause: error });
      }
      throw error;
    }
  };
  if (specifier !== QUIC_PACKAGE) return load();
  loaded ??= load();
  loaded.catch(() => {
    loaded = undefined; // installed later: try again
  });
  return loaded;
}

/** The library logs every connection and stream at INFO by default; this logger says nothing. */
export const silentLogger = {
  getChild() {
    return silentLogger;
  },
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** What a client needs from crypto: random bytes (connection ids). */
export const clientCrypto = {
  ops: {
    async randomBytes(data: ArrayBuffer): Promise<void> {
      randomFillSync(new Uint8Array(data));
    },
  },
};

/** What a server needs: an HMAC key and sign/verify for its stateless retry tokens. */
export function serverCrypto(): object {
  const key = new Uint8Array(32);
  randomFillSync(key);
  const sign = (k: ArrayBuffer, data: ArrayBuffer) => createHmac('sha256', new Uint8Array(k)).update(new Uint8Array(data)).digest();
  return {
    key: key.buffer,
    ops: {
      async sign(k: ArrayBuffer, data: ArrayBuffer): Promise<ArrayBuffer> {
        const mac = sign(k, data);
        return mac.buffer.slice(mac.byteOffset, mac.byteOffset + mac.byteLength);
      },
      async verify(k: ArrayBuffer, data: ArrayBuffer, signature: ArrayBuffer): Promise<boolean> {
        const expected = sign(k, data);
        const given = new Uint8Array(signature);
        return given.byteLength === expected.byteLength && timingSafeEqual(expected, given);
      },
    },
  };
}
