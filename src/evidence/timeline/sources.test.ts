import { describe, expect, it } from 'vitest';
import { sourceName, sourceNames } from './sources.js';

describe('sourceNames', () => {
  it('names a file by its base name, and by the shortest end of its path that tells apart files of one name', () => {
    const files = ['/var/log/gw-01/app.log', '/var/log/gw-02/app.log', '/srv/x/gw.fix', '/a/b/hosts/oms/app.log'];
    expect(sourceNames(files, files)).toEqual({
      '/var/log/gw-01/app.log': 'gw-01/app.log',
      '/var/log/gw-02/app.log': 'gw-02/app.log',
      '/srv/x/gw.fix': 'gw.fix',
      '/a/b/hosts/oms/app.log': 'oms/app.log',
    });
    // Ends that clash further up take more of the path; labels (the paths users know) name temporary copies.
    const copies = ['/tmp/c1/app.log', '/tmp/c2/app.log'];
    expect(sourceNames(copies, ['/x/gw/logs/app.log', '/y/gw/logs/app.log'])).toEqual({ '/tmp/c1/app.log': 'x/gw/logs/app.log', '/tmp/c2/app.log': 'y/gw/logs/app.log' });
    // The same label twice (one path attached twice with other content) cannot be told apart by it: the whole label.
    expect(Object.values(sourceNames(copies, ['/x/app.log', '/x/app.log']))).toEqual(['/x/app.log', '/x/app.log']);
    expect(sourceName(undefined, '/var/log/syslog')).toBe('syslog');
  });
});
