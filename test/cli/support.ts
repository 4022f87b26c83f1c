// Runs the built `midstream` command (node dist/cli.mjs) in a child process, as
// users run it, in a temporary directory that the test file removes afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist/cli.mjs');

export interface CliRun {
  /** Exit code; null when the process was killed (e.g. by the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A temporary working directory for one test file, removed after its tests. */
export function cliWorkspace(prefix = 'midstream-cli-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    /** Writes `text` to `name` in the workspace and returns the name. */
    file(name: string, text: string | Uint8Array): string {
      writeFileSync(join(dir, name), text);
      return name;
    },
    /**
     * Runs the CLI with `args`. `timeoutMs` kills a run that does not finish
     * (the result's code is then null), so a hang fails the test instead of
     * blocking the suite.
     */
    run(args: string[], options: { input?: string; timeoutMs?: number; nodeArgs?: string[] } = {}): CliRun {
      const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
        cwd: dir,
        encoding: 'utf8',
        input: options.input,
        timeout: options.timeoutMs ?? 50_000,
        maxBuffer: 256 * 1024 * 1024,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
  };
}

/** The rows of the CLI's match table: [rank, position, distance]. */
export function tableRows(stdout: string): Array<[number, number, number]> {
  return [...stdout.matchAll(/^\s+(\d+)\s+(\d+)\s+([\d.]+|Infinity)\s/gm)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
}
