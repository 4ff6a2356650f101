import { describe, expect, it } from 'vitest';
import { progressLine } from './output.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (s: string | Uint8Array) => written.push(String(s)) > 0 } };
};

describe('progressLine', () => {
  it('rewrites one line on a terminal, at most ten times a second, and clears it when done', () => {
    const t = stream(true);
    const p = progressLine(t.stream);
    p.update('evidence: 10/40 rows');
    p.update('evidence: 20/40 rows'); // within 100 ms of the first: skipped
    p.done();
    expect(t.written).toEqual(['\r\x1b[Kevidence: 10/40 rows', '\r\x1b[K']);
  });

  it('says nothing when stderr is a file or a pipe', () => {
    const t = stream(false);
    const p = progressLine(t.stream);
    p.update('evidence: 10/40 rows');
    p.done();
    expect(t.written).toEqual([]);
  });
});
