import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';

/** A new, empty git repository in `dir` (made with isomorphic-git, as a user's repo would be on disk). */
export async function initRepo(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  await git.init({ fs, dir, defaultBranch: 'main' });
  return dir;
}

/** Write (or delete, with null) files, stage them and commit them, dated `when` (ISO). */
export async function commitFiles(
  dir: string,
  message: string,
  when: string,
  files: Record<string, string | Buffer | null>,
): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    if (content === null) {
      fs.rmSync(target);
      await git.remove({ fs, dir, filepath: path });
    } else {
      fs.mkdirSync(dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
      await git.add({ fs, dir, filepath: path });
    }
  }
  const person = {
    name: 'Recorder',
    email: 'recorder@example.org',
    timestamp: Date.parse(when) / 1000,
    timezoneOffset: 0,
  };
  return git.commit({ fs, dir, message, author: person, committer: person });
}
