import { describe, expect, it } from 'vitest';
import { detectFormat, FAMILIES } from './detect.js';

const journal = Array.from({ length: 50 }, (_, i) =>
  JSON.stringify({ __REALTIME_TIMESTAMP: String(1764152855000000 + i), PRIORITY: String(i % 8), _HOSTNAME: 'gw01', SYSLOG_IDENTIFIER: 'oms', MESSAGE: `order ${i} routed` }),
);

describe('detectFormat', () => {
  it('stops at a family that finds a header and a level on every line: no later family can win', () => {
    const d = detectFormat(journal);
    expect(d.format).toBe('journal');
    expect(d.scores.map((s) => s.format)).toEqual(['journal']);
  });

  it('tries every family while none has a header and a level on every line', () => {
    // Syslog has no level words here, so a later family could still outrank it.
    const lines = Array.from({ length: 20 }, (_, i) => `Nov 26 10:27:${String(i).padStart(2, '0')} gw01 sshd[${100 + i}]: Accepted publickey for ops`);
    const d = detectFormat(lines);
    expect(d.format).toBe('syslog');
    expect(d.scores.map((s) => s.format)).toEqual(FAMILIES.map((f) => f.name));
  });
});
