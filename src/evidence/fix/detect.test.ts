import { describe, expect, it } from 'vitest';
import { isQuickFixEventText } from './detect.js';

describe('isQuickFixEventText', () => {
  it('knows QuickFIX/J and QuickFIX C++ event logs by their time format and notices', () => {
    const qfj = [
      '20251126-14:36:00.200: Received logon',
      '20251126-14:36:00.500: MsgSeqNum too high, expecting 25 but received 30',
      '20251126-14:36:00.501: Sent ResendRequest FROM: 25 TO: 0',
    ].join('\n');
    expect(isQuickFixEventText(qfj)).toBe(true);
    expect(isQuickFixEventText('20260115-14:30:00.000000001 : Created session\n20260115-14:30:01.250000000 : Initiated logon request\n')).toBe(true);
    expect(isQuickFixEventText('20260115-14:31:35: Disconnecting: Timed out waiting for heartbeat\n')).toBe(true);
  });

  it('does not take an application log for one', () => {
    // The same time format with other words, and the notices' words under another time format.
    expect(isQuickFixEventText('20251126-14:36:00.200: cache warmed\n20251126-14:36:01.000: request served\n')).toBe(false);
    expect(isQuickFixEventText('2025-11-26 14:36:00,200 INFO Received logon for user bob\n2025-11-26 14:36:01,000 INFO Disconnecting client\n')).toBe(false);
    // One engine-looking line inside a log of another shape.
    const mixed = ['20251126-14:36:00.200: Received logon', ...Array.from({ length: 10 }, (_, i) => `Nov 26 14:36:0${i % 10} host app[1]: tick ${i}`)].join('\n');
    expect(isQuickFixEventText(mixed)).toBe(false);
    expect(isQuickFixEventText('')).toBe(false);
  });
});
