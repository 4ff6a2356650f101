import { describe, expect, it } from 'vitest';
import { closeBracket, criStream, dashRun, isCaller, isCode, upperLevelWithin, upperWord, wordAfter } from './tokens.js';

describe('header tokens', () => {
  it('tells separators, glued brackets, CRI streams, error codes and upper-case words', () => {
    expect(['- x', '-- x', '--- x', '---- x', '-x', '-'].map((s) => dashRun(s, 0))).toEqual([1, 2, 3, 0, 0, 1]);
    expect(closeBracket('[a[b]] x', 0)).toBe(6);
    expect(wordAfter('[unknown]@[unknown]', closeBracket('[unknown]@[unknown]', 0))).toBe(true);
    expect(wordAfter('[main] x', closeBracket('[main] x', 0))).toBe(false);
    expect(wordAfter('[main]: x', closeBracket('[main]: x', 0))).toBe(false);
    expect(['stdout F x', 'stderr P x', 'stderr F', 'stdout X x', 'stdoux F x', 'stderr FF'].map((s) => criStream(s, 0, 6))).toEqual([true, true, true, false, false, false]);
    // a caller column has a source file's extension and a line number
    expect(['router/router.go:86', 'OrderBook.java:412', 'a.py:1', 'db.example.com:5432', 'router.go', 'router.go:x', 'go:12'].map((w) => isCaller(w, 0, w.length))).toEqual([true, true, true, false, false, false, false]);
    expect(['AH00124', 'ORA-00600', 'MY-010116', 'WFLYCTL0013', 'sshd', 'AH12', 'ABCDEFGHI123', 'A-'].map((w) => isCode(w, 0, w.length))).toEqual([true, true, true, true, false, false, false, false]);
    expect(['ERROR', 'DEBUG1', 'Error', '1ERR', ''].map((w) => upperWord(w, 0, w.length))).toEqual([true, true, false, false, false]);
  });

  it('finds an upper-case level (or a PostgreSQL field label) a few words on', () => {
    const at = (s: string): boolean => upperLevelWithin(s, 0, 3);
    expect(['trader@orders ERROR:  boom', 'trader@orders DETAIL:  Key exists', 'RAS KERNEL INFO x', 'trader@orders NOTE:  x', 'a b c ERROR x', 'a [b] ERROR x', 'x Detail: y'].map(at))
      .toEqual([true, true, true, false, false, false, false]);
  });
});
