import { describe, expect, it } from 'vitest';
import { encodeFixMessage } from './encode.js';
import { parseFixLine, parseSessionId } from './line.js';
import { getField } from './message.js';
import type { FixRecord } from './types.js';
import { parseTimestamp } from '../../shared/time.js';
import { createZone } from '../logs/zone.js';

const HB = (sep: string): string =>
  encodeFixMessage('FIX.4.4', [[35, '0'], [34, '12'], [49, 'TW44'], [52, '20251126-10:27:30.000'], [56, 'ISLD']], { separator: sep });

function msg(record: FixRecord | null): Extract<FixRecord, { kind: 'message' }> {
  if (record?.kind !== 'message') throw new Error(`expected a message record, got ${record?.kind ?? 'null'}`);
  return record;
}

function engine(record: FixRecord | null): Extract<FixRecord, { kind: 'engine' }> {
  if (record?.kind !== 'engine') throw new Error(`expected an engine record, got ${record?.kind ?? 'null'}`);
  return record;
}

describe('parseFixLine: QuickFIX C++ file logs', () => {
  it('takes the 9-digit log time of a messages-log line, not SendingTime', () => {
    const r = msg(parseFixLine(`20251126-10:27:35.123456789 : ${HB('\x01')}`, { file: 'm.log', line: 4 }));
    expect(r).toMatchObject({ style: 'file', ns: 1764152855_123456789n, digits: 9, timeSource: 'log', direction: null, file: 'm.log', line: 4 });
    expect(r.message.issues).toEqual([]);
  });

  it('reads an event-log line', () => {
    const r = engine(parseFixLine('20251126-10:27:35.000001 : Timed out waiting for heartbeat'));
    expect(r).toMatchObject({ style: 'file', ns: 1764152855_000001000n, digits: 6, text: 'Timed out waiting for heartbeat', error: false });
  });

  it('merges nothing by itself from the two-line ScreenLog: header and body come back separately', () => {
    const header = parseFixLine('<20251126-10:27:35.250, FIX.4.4:TW44->ISLD, outgoing>');
    expect(header).toMatchObject({ kind: 'header', category: 'outgoing', direction: 'out', ns: 1764152855_250000000n });
    expect(header?.session).toEqual({ beginString: 'FIX.4.4', senderCompId: 'TW44', targetCompId: 'ISLD' });
    const body = msg(parseFixLine(`  (${HB('\x01')})`));
    expect(body.style).toBe('screen_body');
    expect(body.message.issues).toEqual([]);
    expect(engine(parseFixLine('  (Created session)')).style).toBe('screen_body');
  });
});

describe('parseFixLine: QuickFIX/J logs', () => {
  it('reads a ScreenLog message line with session and direction', () => {
    const r = msg(parseFixLine(`<20251126-10:27:35, FIX.4.4:TW44->ISLD, incoming> (${HB('\x01')})`));
    expect(r).toMatchObject({ style: 'screen', ns: 1764152855_000000000n, digits: 0, direction: 'in' });
    expect(r.session?.senderCompId).toBe('TW44');
    expect(r.message.issues).toEqual([]);
  });

  it('reads ScreenLog event and error lines', () => {
    expect(engine(parseFixLine('<20251126-10:27:35.001, FIX.4.4:TW44->ISLD, event> (Initiated logon request)'))).toMatchObject({
      style: 'screen',
      text: 'Initiated logon request',
      error: false,
      ns: 1764152855_001000000n,
    });
    expect(engine(parseFixLine('<20251126-10:27:35, FIX.4.4:TW44->ISLD, error> (Logon rejected: bad password)')).error).toBe(true);
  });

  it('reads FileLog lines with or without milliseconds', () => {
    expect(engine(parseFixLine('20260115-14:30:05: MsgSeqNum too low, expecting 5 but received 3'))).toMatchObject({
      ns: 1768487405_000000000n,
      digits: 0,
      text: 'MsgSeqNum too low, expecting 5 but received 3',
    });
    expect(msg(parseFixLine(`20260115-14:30:05.042: ${HB('\x01')}`))).toMatchObject({ style: 'file', digits: 3 });
  });

  it('reads SLF4J/logback message lines: time, category direction and prepended session', () => {
    const r = msg(parseFixLine(`2025-11-26 10:27:35,123 INFO  [QFJ Message Processor] quickfixj.msg.outgoing - FIX.4.4:TW44->ISLD: ${HB('\x01')}`));
    expect(r).toMatchObject({ style: 'prefixed', ns: 1764152855_123000000n, digits: 3, timeSource: 'log', direction: 'out' });
    expect(r.session?.targetCompId).toBe('ISLD');
  });

  it('reads SLF4J event and errorEvent lines', () => {
    const r = engine(parseFixLine('2025-11-26T10:27:35.5Z WARN quickfixj.errorEvent - FIX.4.4:TW44->ISLD: Disconnecting: Socket exception (/10.0.0.1:9876): java.io.IOException'));
    expect(r).toMatchObject({ error: true, text: 'Disconnecting: Socket exception (/10.0.0.1:9876): java.io.IOException', ns: 1764152855_500000000n });
    expect(r.session?.senderCompId).toBe('TW44');
  });
});

describe('parseFixLine: notices that quote a message', () => {
  it('keeps the notice as the record and attaches the message (FileLog, ScreenLog, SLF4J)', () => {
    const lines = [
      `20251126-10:27:35.001: MsgSeqNum too high, expecting 8 but received 12: ${HB('|')}`,
      `<20251126-10:27:35.001, FIX.4.4:TW44->ISLD, event> (MsgSeqNum too high, expecting 8 but received 12: ${HB('|')})`,
      `2025-11-26 10:27:35,001 INFO quickfixj.event - FIX.4.4:TW44->ISLD: MsgSeqNum too high, expecting 8 but received 12: ${HB('|')}`,
    ];
    for (const line of lines) {
      const r = engine(parseFixLine(line));
      expect(r).toMatchObject({ text: 'MsgSeqNum too high, expecting 8 but received 12', ns: 1764152855_001000000n });
      expect(r.embedded?.msgType).toBe('0');
      expect(r.embedded?.raw).toBe(HB('|'));
    }
    const rejected = engine(parseFixLine(`20251126-10:27:35: Rejecting invalid message: quickfix.FieldException: Tag not defined: ${HB('\x01')}`));
    expect(rejected.text).toBe('Rejecting invalid message: quickfix.FieldException: Tag not defined');
    expect(rejected.embedded?.issues).toEqual([]);
  });

  it('still reads a message behind a direction marker as the message', () => {
    for (const prefix of ['20251126-10:27:35.001 : <', '20251126-10:27:35.001 : IN ', '20251126-10:27:35.001: Received: ', '20251126-10:27:35.001: incoming message: ']) {
      expect(msg(parseFixLine(`${prefix}${HB('|')}`)).message.msgType).toBe('0');
    }
  });
});

describe('parseFixLine: bare messages', () => {
  it('dates a bare message by SendingTime(52)', () => {
    const r = msg(parseFixLine(HB('|')));
    expect(r).toMatchObject({ style: 'bare', ns: 1764152850_000000000n, digits: 3, timeSource: 'sending_time' });
  });

  it('falls back to TransactTime(60) when SendingTime is not a valid time', () => {
    const r = msg(parseFixLine('8=FIX.4.4|35=D|52=<TIME>|60=20251126-10:27:35.5|11=X|'));
    expect(r).toMatchObject({ ns: 1764152855_500000000n, digits: 1, timeSource: 'transact_time' });
  });

  it('leaves the time empty when nothing dates the message', () => {
    const r = msg(parseFixLine('E8=FIX.4.4^A9=63^A35=A^A34=1^A49=ISLD^A52=00000000-00:00:00.000^A56=TW44^A98=0^A108=30^A10=0^A'));
    expect(r).toMatchObject({ ns: null, timeSource: null, style: 'bare' });
    expect(getField(r.message, 108)).toBe('30');
    expect(r.message.separator).toBe('^A');
  });

  it('reads direction words of a generic prefix, and never from a CompID', () => {
    expect(msg(parseFixLine(`[RX] ${HB('|')}`)).direction).toBe('in');
    expect(msg(parseFixLine(`Sending: ${HB('|')}`)).direction).toBe('out');
    expect(msg(parseFixLine(`FIX.4.4:SEND->RECV ${HB('|')}`)).direction).toBeNull();
  });

  it('ignores lines that are not FIX', () => {
    expect(parseFixLine('')).toBeNull();
    expect(parseFixLine('   \r')).toBeNull();
    expect(parseFixLine('Nov 26 10:27:35 host kernel: eth0: link down')).toBeNull();
  });
});

describe('parseSessionId', () => {
  it('reads engine session names, dropping sub IDs and qualifiers', () => {
    expect(parseSessionId('FIX.4.4:TW44->ISLD')).toEqual({ beginString: 'FIX.4.4', senderCompId: 'TW44', targetCompId: 'ISLD' });
    expect(parseSessionId('FIXT.1.1:BANK/DESK1->EXCH:q1')).toEqual({ beginString: 'FIXT.1.1', senderCompId: 'BANK', targetCompId: 'EXCH' });
    expect(parseSessionId('GLOBAL')).toBeNull();
  });
});

describe('parseFixLine: other layouts seen in public logs', () => {
  it('reads the time after a leading level and the session of an SLF4J event line', () => {
    const r = engine(parseFixLine('[INFO] [2007-10-30 10:12:35,069] [SocketConnectorIoProcessor-0.0] [quickfixj.event] FIX.4.2:ASPECT->VWXYZ: Disconnecting'));
    expect(r).toMatchObject({ text: 'Disconnecting', ns: 1193739155_069000000n, digits: 3 });
    expect(r.session).toEqual({ beginString: 'FIX.4.2', senderCompId: 'ASPECT', targetCompId: 'VWXYZ' });
  });

  it('reads an engine notice after the session id in any logger layout, and nothing else there', () => {
    const line = '2022-11-11 09:10:55,052 INFO  [QFJ Timer]   event -> ?   :?    - FIXT.1.1:TRADESTAC_TW->VENUE: Disconnecting: Timed out waiting for heartbeat';
    expect(engine(parseFixLine(line))).toMatchObject({ style: 'prefixed', text: 'Disconnecting: Timed out waiting for heartbeat', ns: 1668157855_052000000n });
    expect(parseFixLine('2022-11-11 09:10:55,052 INFO  [QFJ Timer]   event -> ? - FIXT.1.1:TRADESTAC_TW->VENUE: Sent test request TEST')).toBeNull();
  });

  it('reads QuickFIX/n ScreenLog event lines, and its message lines with their direction', () => {
    expect(engine(parseFixLine('<event> Rejecting invalid message, field not found: field not found for tag: 51'))).toMatchObject({ style: 'screen', ns: null, error: false });
    expect(msg(parseFixLine(`<outgoing> ${HB('|')}`)).direction).toBe('out');
  });

  it('reads `[in]` and `[out]` markers and space-padded pipes of bridge logs', () => {
    const order = encodeFixMessage('FIX.4.4', [[35, 'D'], [34, 5468], [49, 'T116'], [52, '20260622-19:50:34.746'], [56, 'XC691'], [11, '194062_1']], { separator: ' |' });
    const r = msg(parseFixLine(`20260622-19:50:34.746748000 [out] : ${order}`));
    expect(r).toMatchObject({ direction: 'out', ns: 1782157834_746748000n });
    expect(r.message.issues).toEqual([]);
    expect(msg(parseFixLine(`20260622-19:50:34.746748000 [in] : ${order}`)).direction).toBe('in');
    // Prose "in" is no marker.
    expect(msg(parseFixLine(`2026-06-22 19:50:34 logged in ${order}`)).direction).toBeNull();
  });
});

describe('parseFixLine zone of logger prefixes', () => {
  // quickfixj issue #569: a log4j prefix in local time (UTC+1) before a message whose 52 is UTC.
  const line = '2025-06-27 09:08:52,123 INFO  quickfixj.msg.incoming - FIX.4.4:A->B: 8=FIX.4.4|9=55|35=0|34=2|49=B|52=20250627-08:08:52.120|56=A|10=000|';

  it('reads a zone-less logger time in the given zone, and as UTC without one', () => {
    expect(parseFixLine(line, { zone: createZone('Europe/London') })?.ns).toBe(parseTimestamp('2025-06-27T08:08:52.123Z').ns);
    expect(parseFixLine(line)?.ns).toBe(parseTimestamp('2025-06-27T09:08:52.123Z').ns);
  });

  it('keeps FIX-form and zoned times as written whatever the zone', () => {
    const zone = createZone('Europe/London');
    expect(parseFixLine('20250627-08:08:52.123 : 8=FIX.4.4|9=5|35=0|10=161|', { zone })?.ns).toBe(parseTimestamp('2025-06-27T08:08:52.123Z').ns);
    expect(parseFixLine(line.replace(',123 ', ',123Z '), { zone })?.ns).toBe(parseTimestamp('2025-06-27T09:08:52.123Z').ns);
  });
});
