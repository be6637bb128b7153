import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadLayoutHints } from '../../../src/main/importers/downloadLayouts';
import { fixturesDir } from './samplePaths';

describe('downloadLayoutHints', () => {
  describe('waybackpack: DIR/<timestamp>/<host>/<path…>/<file>', () => {
    it('reads the capture time from the timestamp folder and rebuilds the URL of a directory page', () => {
      expect(downloadLayoutHints('/home/ana/policies/20170422180915/www.example.com/legal/privacy/index.html')).toEqual(
        {
          origin: 'waybackpack-folder',
          originalUrl: 'http://www.example.com/legal/privacy/',
          capturedAt: '2017-04-22T18:09:15Z',
          capturedAtSource: 'folder-name',
        },
      );
    });

    it('keeps a file-named URL path and the host’s port, and the `_` waybackpack put for illegal characters', () => {
      expect(downloadLayoutHints('out/20110704120000/shop.example.de_8080/info/daten_schutz.html')).toMatchObject({
        originalUrl: 'http://shop.example.de:8080/info/daten_schutz.html',
        capturedAt: '2011-07-04T12:00:00Z',
      });
    });

    it('works with Windows separators and the site root', () => {
      expect(downloadLayoutHints('C:\\Users\\ana\\wb\\20190101000000\\example.com\\index.html')).toMatchObject({
        origin: 'waybackpack-folder',
        originalUrl: 'http://example.com/',
        capturedAt: '2019-01-01T00:00:00Z',
      });
    });

    it('finds the fixture folder', () => {
      const path = resolve(
        fixturesDir,
        'wayback',
        'waybackpack-raw',
        '20110704120000',
        'www.bergschuh-versand.de',
        'datenschutz.html',
      );
      expect(downloadLayoutHints(path)).toMatchObject({
        origin: 'waybackpack-folder',
        originalUrl: 'http://www.bergschuh-versand.de/datenschutz.html',
      });
    });

    it('ignores a 14-digit folder that is no real time, or not followed by a host and a file', () => {
      expect(downloadLayoutHints('out/20171332000000/www.example.com/index.html')).toBeNull();
      expect(downloadLayoutHints('out/20170422180915/notes/index.html')).toBeNull();
      expect(downloadLayoutHints('out/20170422180915/www.example.com')).toBeNull();
    });
  });

  describe('wayback-machine-downloader: websites/<domain>/[<timestamp>/]<path>', () => {
    it('with --all-timestamps: the timestamp folder dates the capture', () => {
      const path = resolve(
        fixturesDir,
        'wayback',
        'wayback-machine-downloader',
        'websites',
        'www.contoso-cloud.com',
        '20210315084500',
        'legal',
        'privacy',
        'index.html',
      );
      expect(downloadLayoutHints(path)).toEqual({
        origin: 'wayback-machine-downloader-folder',
        originalUrl: 'http://www.contoso-cloud.com/legal/privacy/',
        capturedAt: '2021-03-15T08:45:00Z',
        capturedAtSource: 'folder-name',
      });
    });

    it('without a timestamp folder: the URL but no capture date', () => {
      expect(downloadLayoutHints('websites/example.com/legal/privacy-policy/index.html')).toEqual({
        origin: 'wayback-machine-downloader-folder',
        originalUrl: 'http://example.com/legal/privacy-policy/',
      });
      expect(downloadLayoutHints('/data/websites/example.com/terms.html')).toEqual({
        origin: 'wayback-machine-downloader-folder',
        originalUrl: 'http://example.com/terms.html',
      });
    });

    it('undoes the %xx escapes it writes on Windows for characters like ? and =', () => {
      expect(downloadLayoutHints('websites\\example.com\\legal.php%3fpage%3dprivacy')).toMatchObject({
        originalUrl: 'http://example.com/legal.php?page=privacy',
      });
    });

    it('a file named like a timestamp is a path, not a date', () => {
      expect(downloadLayoutHints('websites/example.com/20210315084500')).toEqual({
        origin: 'wayback-machine-downloader-folder',
        originalUrl: 'http://example.com/20210315084500',
      });
    });
  });

  it('says nothing about ordinary paths', () => {
    expect(downloadLayoutHints('/home/ana/Downloads/privacy.html')).toBeNull();
    expect(downloadLayoutHints('policies/formlabs.com/2018-08-13.md')).toBeNull();
    expect(downloadLayoutHints('websites/not a host/page.html')).toBeNull();
  });
});
