import { describe, expect, it } from 'vitest';
import { chooseWindows } from './windows.js';

const S = 1_000_000_000n;
const pts = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ t: BigInt(from + i) * S, v: i }));

describe('baseline windows', () => {
  it('uses the data before the onset when there is enough', () => {
    expect(chooseWindows([{ name: 'a', points: pts(0, 100) }], 50n * S, 3)).toEqual({ note: 'before_onset' });
  });
  it('falls back to the data after the anomalous run when nothing precedes the onset', () => {
    const series = [{ name: 'a', points: [...pts(1000, 60), ...pts(2000, 60)] }];
    const w = chooseWindows(series, 1000n * S, 3);
    expect(w.note).toBe('after_anomalous_run');
    expect(w.end).toBe(2000n * S);
    expect(w.baseline).toEqual({ from: 2000n * S, to: 2059n * S + 1n });
  });
  it('keeps the default when the data after the onset is one contiguous run', () => {
    expect(chooseWindows([{ name: 'a', points: pts(1000, 60) }], 1000n * S, 3).note).toBe('before_onset');
  });
});
