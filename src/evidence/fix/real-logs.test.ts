import { describe, expect, it } from 'vitest';
import { fixEventsFromText } from './events.js';

// Event-log excerpts users pasted in public issues, copied verbatim; each test names its source.
describe('fixEventsFromText on real QuickFIX/n event logs', () => {
  it('names the session a disconnect notice states, CompIDs with spaces included (connamara/quickfixn#520)', () => {
    const log = [
      '20190430-15:27:40.208 : Initiated logon request',
      '20190430-15:27:40.609 : Session FIXT.1.1:sna_test_admin/sna_test_admin->Nodal Exchange, LLC disconnecting: System.Net.Sockets.SocketException (0x80004005): An existing connection was forcibly closed by the remote host',
      '   at QuickFix.SocketInitiatorThread.ReadSome(Byte[] buffer, Int32 timeoutMilliseconds)',
    ].join('\n');
    const { events } = fixEventsFromText(log);
    const d = events.find((e) => e.event_type === 'disconnect');
    expect(d).toMatchObject({ timestamp: '2019-04-30T15:27:40.609Z', metadata: { session: 'sna_test_admin→Nodal Exchange, LLC' } });
    expect(d?.metadata.reason).toMatch(/^System\.Net\.Sockets\.SocketException/);
  });

  it('reports the disconnect once and no session reset as a disconnect (connamara/quickfixn#466)', () => {
    const log = [
      '20180118-16:52:03.449 : Initiated logon request',
      "20180118-16:52:03.591 : Session FIX.4.4:222->111:Price disconnecting: Received msg type '5' when not logged on",
      '20180118-16:52:03.594 : Session reset: ResetOnDisconnect',
    ].join('\n');
    const { events } = fixEventsFromText(log);
    expect(events.map((e) => [e.timestamp, e.event_type])).toEqual([
      ['2018-01-18T16:52:03.449Z', 'logon'],
      ['2018-01-18T16:52:03.591Z', 'disconnect'],
    ]);
    expect(events[1]?.metadata.session).toBe('222→111');
  });

  it('dates ScreenLog event lines by the message before them; the reject notice folds into the reject sent (connamara/quickfixn#972)', () => {
    const log = [
      '<incoming> 8=FIX.4.4|9=232|35=W|34=16544|49=a|52=20250627-15:22:23.853|56=b|55=GBPUSD|262=8rGXAb4x5HGiauDQwDsIpA|268=2|269=0|270=1.37163|271=1000000|290=1|64=20250701|278=30/10-20346|269=1|270=1.37165|271=800000|290=1|278=30/10-20347|10=235|',
      '<event> Rejecting invalid message, field not found: field not found for tag: 51',
      '<event> Reject sent for Message: 16544 Reason:Conditionally Required Field Missing',
      '<outgoing> 8=FIX.4.4|9=135|35=j|34=16548|49=b|52=20250627-15:22:23.892|56=a|45=16544|58=Conditionally Required Field Missing|372=W|380=5|10=159|',
    ].join('\n');
    const { events, stats } = fixEventsFromText(log);
    expect(events.map((e) => [e.timestamp, e.event_type])).toEqual([
      ['2025-06-27T15:22:23.853Z', 'invalid_message'],
      ['2025-06-27T15:22:23.892Z', 'business_reject'],
    ]);
    expect(events[1]?.metadata).toMatchObject({ direction: 'out', ref_seq_num: 16544 });
    expect(stats.ignoredLines).toBe(0);
  });
});
