import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

/** How the real `policy-archive` CLI is started in a child process. */
export interface CliEntry {
  /** Arguments to `node` before the CLI's own. */
  nodeArgs: string[];
  /** Extra environment the entry needs. */
  env: Record<string, string>;
  /** `built` (bin/policy-archive.mjs → out/main/cli.js) or `bundled` (the sources, bundled here), for logs. */
  kind: 'built' | 'bundled';
}

/**
 * An entry that starts fast (~0.3 s) and runs the current code: the built CLI
 * (bin/policy-archive.mjs → out/main/cli.js, as `npm test` builds it before
 * vitest) when it is newer than every source file of src/main and src/shared;
 * else src/main/cli/index.ts bundled into `workDir` with esbuild the way the
 * build bundles it (dependencies from node_modules), so a stale build is never
 * what gets tested and tsx's slower start (0.7–2 s) is not paid per child.
 */
export async function cliEntry(workDir: string): Promise<CliEntry> {
  const built = join(repoRoot, 'out', 'main', 'cli.js');
  if (existsSync(built)) {
    const builtAt = statSync(built).mtimeMs;
    const newest = Math.max(newestMtime(join(repoRoot, 'src', 'main')), newestMtime(join(repoRoot, 'src', 'shared')));
    if (newest <= builtAt) return { nodeArgs: [join(repoRoot, 'bin', 'policy-archive.mjs')], env: {}, kind: 'built' };
  }
  const { build } = await import('esbuild');
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const outfile = join(workDir, 'policy-archive-cli.cjs');
  await build({
    entryPoints: [join(repoRoot, 'src', 'main', 'cli', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    // As electron.vite.config.ts: dependencies stay in node_modules, except the ESM-only syllable.
    external: Object.keys(manifest.dependencies).filter((name) => name !== 'syllable'),
    logLevel: 'error',
  });
  return { nodeArgs: [outfile], env: { NODE_PATH: join(repoRoot, 'node_modules') }, kind: 'bundled' };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** A CLI run in a child process. */
export interface CliRun {
  child: ChildProcess;
  /** Resolves on the first output on stderr (the import's "Scanning…": its archive is open, its import begun). */
  started: Promise<void>;
  /** Resolves when the process has ended. */
  exited: Promise<CliExit>;
}

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from the first stderr output to the end (NaN if there was none). */
  msAfterStart: number;
}

/** Start `policy-archive --db <archive> <args…>` in a child process (no colours, plain progress lines). */
export function startCli(
  entry: CliEntry,
  archive: string,
  args: readonly string[],
  env: Record<string, string> = {},
): CliRun {
  const child = spawn(process.execPath, [...entry.nodeArgs, '--db', archive, '--no-color', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...entry.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let startedAt = NaN;
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (Number.isNaN(startedAt)) {
      startedAt = performance.now();
      markStarted();
    }
    stderr += chunk;
  });
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      markStarted();
      resolve({ code, signal, stdout, stderr, msAfterStart: performance.now() - startedAt });
    });
  });
  return { child, started, exited };
}
