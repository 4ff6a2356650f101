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

describe('isQuickFixEventText: other engine layouts', () => {
  it('knows a QuickFIX/J ScreenLog, a QuickFIX/n ScreenLog and an SLF4J event log', () => {
    // esanchezros/quickfixj-spring-boot-starter#26: one error line is enough, its header is the engine's own.
    expect(isQuickFixEventText('<20190713-19:33:36, FIX.4.1:BANZAI->EXEC, error> (java.net.ConnectException: Connection refused)\n')).toBe(true);
    // connamara/quickfixn#346
    expect(isQuickFixEventText('<event> Created session\n<event> Connecting to 120.55.144.54 on port 9880\n<event> Initiated logon request\n')).toBe(true);
    // A QuickFIX/J JIRA attachment: level first, then the time, the category and the session.
    const slf4j = [
      '[INFO] [2007-10-30 10:12:35,069] [SocketConnectorIoProcessor-0.0] [quickfixj.event] FIX.4.2:ASPECT->VWXYZ: Disconnecting',
      '[INFO] [2007-10-30 10:13:35,386] [QFJ Timer] [quickfixj.event] FIX.4.2:ASPECT->VWXYZ: Initiated logon request',
    ].join('\n');
    expect(isQuickFixEventText(slf4j)).toBe(true);
  });

  it('does not take application lines that mention a session for an engine log', () => {
    const app = ['2025-11-26 14:36:00,200 INFO router FIX.4.4:A->B: order routed', '2025-11-26 14:36:01,000 INFO router FIX.4.4:A->B: order filled'].join('\n');
    expect(isQuickFixEventText(app)).toBe(false);
  });
});
