import { describe, expect, it } from 'vitest';
import { encodeFixMessage } from './encode.js';
import { parseFixLine, parseSessionId } from './line.js';
import { getField } from './message.js';
import type { FixRecord } from './types.js';

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
