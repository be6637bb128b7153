#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron into native/electron-<version>/,
// leaving node_modules/better-sqlite3 (the Node build used by the CLI and tests)
// untouched. Runs before `npm start` / `npm run dev` / installer builds; does nothing
// when the binary is already there. Needs the network (Electron headers) once.
import { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, rmSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = join(root, 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'pae-better-sqlite3-'));
console.log(`Building better-sqlite3 for Electron ${electronVersion} (one time, about two minutes)…`);
cpSync(source, work, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });

function findNodeGyp() {
  const candidates = [];
  if (process.env.npm_execpath)
    candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  );
  return candidates.find((candidate) => existsSync(candidate));
}
const nodeGyp = findNodeGyp();
if (!nodeGyp) {
  console.error('Cannot find node-gyp (it ships with npm). Install it with `npm i -g node-gyp` and retry.');
  process.exit(1);
}
const env = { ...process.env };
// npm may be configured to build against the local Node headers; Electron needs its own.
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];
const result = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit', env },
);
if (result.status !== 0) {
  console.error(
    `Building better-sqlite3 for Electron failed (exit ${result.status}). The app cannot open its archive without it.`,
  );
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${target}`);
