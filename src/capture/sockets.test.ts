import { describe, expect, it } from 'vitest';
import { countSocketStates, mergeCounts, parseSockstat } from './sockets.js';
import { SOCKSTAT, TCP, TCP6, UDP } from './test-fixtures.js';

describe('socket tables and sockstat', () => {
  it('counts TCP sockets by state over IPv4 and IPv6 tables', () => {
    expect(countSocketStates(TCP)).toEqual({ LISTEN: 1, ESTAB: 2, 'TIME-WAIT': 1 });
    expect(mergeCounts(countSocketStates(TCP), countSocketStates(TCP6))).toEqual({ LISTEN: 1, ESTAB: 3, 'TIME-WAIT': 1 });
    expect(countSocketStates(UDP)).toEqual({ CLOSE: 1 });
    expect(countSocketStates('  sl  local_address rem_address   st\n')).toEqual({});
  });

  it('parses sockstat key/value pairs per protocol', () => {
    const s = parseSockstat(SOCKSTAT);
    expect(s.TCP).toEqual({ inuse: 3, orphan: 0, tw: 1, alloc: 5, mem: 2 });
    expect(s.UDP?.inuse).toBe(1);
    expect(s.sockets?.used).toBe(120);
  });
});
