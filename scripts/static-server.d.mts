// Types for scripts/static-server.mjs (used by the browser tests).
export interface StaticServer {
  port: number;
  url: string;
  close(): Promise<void>;
}
export function startStaticServer(options: {
  root: string;
  host?: string;
  port?: number;
  headers?: (path: string) => Record<string, string>;
}): Promise<StaticServer>;
