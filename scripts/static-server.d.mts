// Types for scripts/static-server.mjs (used by `npm run demo` and the browser tests).
export interface StaticServer {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}
/** The policy the demo page is served with. */
export const DEMO_CSP: string;
export function startStaticServer(options: {
  root: string;
  /** Directories of root that may be served, relative to it, e.g. ['demo', 'dist']. */
  directories: string[];
  /** Where `/` redirects, e.g. '/demo/'. */
  home?: string;
  port?: number;
  /** Policy of every page (default DEMO_CSP); null: none but what `headers` gives. */
  contentSecurityPolicy?: string | null;
  headers?: (path: string) => Record<string, string>;
}): Promise<StaticServer>;
