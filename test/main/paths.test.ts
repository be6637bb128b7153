import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding } from '../../src/main/nativeBinding';
import { defaultArchivePath } from '../../src/main/paths';
import { tempDir } from '../support/paths';

describe('defaultArchivePath', () => {
  it('is the file inside Electron userData for the product on each platform', () => {
    expect(defaultArchivePath({}, 'linux')).toBe(
      join(homedir(), '.config', 'Policy Archive Explorer', 'archive.sqlite'),
    );
    expect(defaultArchivePath({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe(
      join('/x/cfg', 'Policy Archive Explorer', 'archive.sqlite'),
    );
    expect(defaultArchivePath({}, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'Policy Archive Explorer', 'archive.sqlite'),
    );
    expect(defaultArchivePath({ APPDATA: 'C:\\Users\\r\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\r\\AppData\\Roaming', 'Policy Archive Explorer', 'archive.sqlite'),
    );
  });

  it('honours POLICY_ARCHIVE_DB', () => {
    expect(defaultArchivePath({ POLICY_ARCHIVE_DB: '/data/a.sqlite' }, 'linux')).toBe('/data/a.sqlite');
  });
});

describe('electronNativeBinding', () => {
  it('uses the package build under plain Node', () => {
    expect(electronNativeBinding({ electronVersion: undefined, appRoot: '/app', packaged: false })).toBeUndefined();
  });

  it('points Electron at its own binary and explains how to build it when missing', () => {
    const { dir, cleanup } = tempDir();
    try {
      expect(() => electronNativeBinding({ electronVersion: '45.4.1', appRoot: dir, packaged: false })).toThrow(
        /electron-native\.mjs/,
      );
      const folder = join(dir, 'native', 'electron-45.4.1');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'better_sqlite3.node'), '');
      expect(electronNativeBinding({ electronVersion: '45.4.1', appRoot: dir, packaged: false })).toBe(
        join(folder, 'better_sqlite3.node'),
      );
      expect(
        electronNativeBinding({ electronVersion: '45.4.1', appRoot: '/nowhere', resourcesPath: dir, packaged: true }),
      ).toBe(join(folder, 'better_sqlite3.node'));
    } finally {
      cleanup();
    }
  });
});
