import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabeledLog, scoreLogs } from './evaluate.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const dir = path.resolve(repoRoot, '../shared/data/crash/syzkaller-linux');

describe('syzkaller kernel console logs', () => {
  it('meets the accuracy floors on the whole set', () => {
    const logs = readdirSync(dir)
      .filter((f) => /^\d+$/.test(f))
      .map((f) => parseLabeledLog(f, readFileSync(path.join(dir, f), 'latin1')));
    expect(logs.length).toBeGreaterThan(300);
    const s = scoreLogs(logs);
    expect(s.detection).toBeGreaterThanOrEqual(0.99);
    expect(s.title).toBeGreaterThanOrEqual(0.85);
    expect(s.pairF1).toBeGreaterThanOrEqual(0.95);
  });
});

describe('parseLabeledLog', () => {
  it('reads headers, keeps the log and drops the REPORT section', () => {
    const l = parseLabeledLog('6', 'TITLE: WARNING: foo\nALT: a\nALT: b\nCORRUPTED: Y\n\n<6>[ 1.0] WARNING: foo\n\nREPORT:\nWARNING: foo\n');
    expect(l).toEqual({ name: '6', title: 'WARNING: foo', alt: ['a', 'b'], corrupted: true, log: '<6>[ 1.0] WARNING: foo\n\n' });
    expect(parseLabeledLog('n', '\n[ 1.0] INFO: lockdep is turned off.').title).toBe('');
  });

  it('scores pairwise F1 from signatures and titles', () => {
    const mk = (name: string, title: string, log: string) => ({ name, title, alt: [], corrupted: false, log });
    const warn = (f: string) => `[ 1.0] WARNING: CPU: 0 PID: 1 at a.c:1 ${f}+0x1/0x2\n[ 1.1] RIP: 0010:${f}+0x1/0x2\n`;
    const s = scoreLogs([
      mk('1', 'WARNING in foo', warn('foo')),
      mk('2', 'WARNING in foo', warn('foo')),
      mk('3', 'WARNING in bar', warn('bar')),
      mk('4', '', '[ 1.0] nothing here\n'),
    ]);
    expect(s).toMatchObject({ logs: 4, crashLogs: 3, detection: 1, title: 1, pairF1: 1 });
    const wrong = scoreLogs([mk('1', 'WARNING in foo', warn('foo')), mk('2', 'WARNING in foo', warn('baz'))]);
    expect(wrong.pairRecall).toBe(0);
    expect(wrong.mismatches).toEqual([{ name: '2', expected: 'WARNING in foo', got: 'WARNING in baz' }]);
  });
});
