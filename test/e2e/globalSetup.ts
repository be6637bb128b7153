import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './bridge/server';

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The tests drive the BUILT renderer. `npm test` builds first; when run on
 * their own, build here if out/renderer is missing or older than its sources
 * (about 2 s), so a stale bundle is never what gets tested.
 */
export default function globalSetup(): void {
  const built = join(repoRoot, 'out', 'renderer', 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sourcesAt = Math.max(
    newestMtime(join(repoRoot, 'src', 'renderer')),
    newestMtime(join(repoRoot, 'src', 'shared')),
    statSync(join(repoRoot, 'electron.vite.config.ts')).mtimeMs,
  );
  if (builtAt > sourcesAt) return;
  console.log(builtAt === 0 ? 'out/renderer is missing: building…' : 'out/renderer is older than src: rebuilding…');
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
}
