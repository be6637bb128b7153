/**
 * Entry point of the `policy-archive` command (`npm run cli -- …`, and
 * out/main/cli.js in the build, loaded by bin/policy-archive.mjs).
 */
import { runCli } from './runCli';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 4;
  },
);
