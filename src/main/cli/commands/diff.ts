import type { Command } from 'commander';
import { diffBlocks } from '../../../shared/diff';
import type { DiffResult } from '../../../shared/domain';
import { globalOptions, parseSnapshotId, type CommandEnv } from '../commandEnv';
import { formatDiffBlocks, formatDiffSide, formatDiffStats } from '../formatDiff';
import { writeJson, writeLine } from '../terminal';

interface DiffCommandOptions {
  all?: boolean;
  ignoreCase?: boolean;
  ignoreWhitespace?: boolean;
  json?: boolean;
}

/** `diff <a> <b>`: word-level differences between two snapshots. */
export function registerDiff(program: Command, { session }: CommandEnv): void {
  program
    .command('diff')
    .description('compare two snapshots word by word (any two, not only neighbours)')
    .argument('<snapshotA>', 'the older snapshot id', parseSnapshotId)
    .argument('<snapshotB>', 'the newer snapshot id', parseSnapshotId)
    .option('--all', 'show unchanged blocks too, not only the changes')
    .option('--ignore-case', 'do not count changes of letter case')
    .option('--ignore-whitespace', 'do not count changes of spacing')
    .option('--json', 'print the diff (both snapshots, blocks, stats) as JSON')
    .action(async (idA: number, idB: number, options: DiffCommandOptions, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      const { blocks: blocksA, ...a } = await archive.call('snapshots:get', idA);
      const { blocks: blocksB, ...b } = await archive.call('snapshots:get', idB);
      // Same engine as the `diff:compare` channel, plus the CLI's noise options.
      const result: DiffResult = {
        a,
        b,
        ...diffBlocks(blocksA, blocksB, {
          ignoreCase: options.ignoreCase ?? false,
          ignoreWhitespace: options.ignoreWhitespace ?? false,
        }),
      };
      const { stdout } = session.io;
      if (options.json) return writeJson(stdout, result);

      const { styles, useColor } = session.styles(global);
      writeLine(stdout, styles.red(formatDiffSide('---', result.a)));
      writeLine(stdout, styles.green(formatDiffSide('+++', result.b)));
      writeLine(stdout);
      const { stats } = result;
      if (stats.blocksChanged + stats.blocksInserted + stats.blocksDeleted === 0) {
        writeLine(stdout, 'No differences.');
      } else {
        writeLine(stdout, formatDiffBlocks(result.blocks, styles, { all: options.all ?? false, useColor }));
      }
      writeLine(stdout);
      writeLine(stdout, formatDiffStats(stats, styles));
    });
}
