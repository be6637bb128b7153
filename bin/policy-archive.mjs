#!/usr/bin/env node
// Launcher for the installed `policy-archive` command: runs the built CLI
// (out/main/cli.js, emitted by `npm run build`). From a checkout without a
// build, `npm run cli -- <command>` runs the same CLI from source.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');

if (!existsSync(cli)) {
  process.stderr.write(
    `policy-archive: the CLI is not built (${cli} is missing).\n` +
      `Run \`npm run build\` in ${root}, or run it from source with \`npm run cli -- <command>\`.\n`,
  );
  process.exit(1);
}

// The bundle reads process.argv and sets process.exitCode itself.
await import(pathToFileURL(cli).href);
