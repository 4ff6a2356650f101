import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFixMessage } from './encode.js';
import { hintsFromFileName } from './file-names.js';
import { readFixLogs } from './files.js';

describe('hintsFromFileName', () => {
  it('reads the session of QuickFIX C++ and QuickFIX/J file names', () => {
    expect(hintsFromFileName('/var/log/fix/FIX.4.4-TW44-ISLD.messages.current.log')).toEqual({
      session: { beginString: 'FIX.4.4', senderCompId: 'TW44', targetCompId: 'ISLD' },
      localCompId: 'TW44',
    });
    expect(hintsFromFileName('FIXT.1.1-BANK-EXCH.event.log.gz').session?.targetCompId).toBe('EXCH');
    expect(hintsFromFileName('FIX.4.2-A-B.incoming.log')).toMatchObject({ direction: 'in' });
  });

  it('does not guess when CompIDs contain dashes or the name is not QuickFIX', () => {
    expect(hintsFromFileName('FIX.4.4-MY-FIRM-ISLD.messages.log')).toEqual({});
    expect(hintsFromFileName('app.log')).toEqual({});
  });
});

describe('readFixLogs', () => {
  let dir = '';
  const msg = (time: string, from: string, to: string, seq: number, type: string, extra: ReadonlyArray<readonly [number, string | number]> = []): string =>
    `20251126-${time} : ${encodeFixMessage('FIX.4.4', [[35, type], [34, seq], [49, from], [52, `20251126-${time.slice(0, 12)}`], [56, to], ...extra])}`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pfa-fix-'));
    const messages = [
      msg('10:00:00.000000000', 'TW44', 'ISLD', 1, 'A', [[108, 30]]),
      msg('10:00:00.001000000', 'ISLD', 'TW44', 1, 'A', [[108, 30]]),
      msg('10:00:30.000000000', 'TW44', 'ISLD', 2, '0'),
      msg('10:00:30.001000000', 'ISLD', 'TW44', 2, '0'),
      msg('10:01:00.000000000', 'TW44', 'ISLD', 3, '0'),
      msg('10:01:30.000000000', 'TW44', 'ISLD', 4, '0'),
      // After the disconnect (in the event log), a new connection: not part of the gap.
      msg('10:05:00.000000000', 'TW44', 'ISLD', 5, 'A', [[108, 30]]),
      msg('10:05:00.001000000', 'ISLD', 'TW44', 3, 'A', [[108, 30]]),
    ];
    const events = [
      '20251126-10:00:00.000000000 : Created session',
      '20251126-10:01:30.001000000 : Timed out waiting for heartbeat',
      '20251126-10:01:30.002000000 : Disconnecting',
    ];
    await writeFile(path.join(dir, 'FIX.4.4-TW44-ISLD.messages.current.log'), `${messages.join('\n')}\n`);
    await writeFile(path.join(dir, 'FIX.4.4-TW44-ISLD.event.current.log.gz'), gzipSync(`${events.join('\n')}\n`));
    await writeFile(path.join(dir, 'FIX.4.4-TW44-ISLD.body'), 'not a log');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('merges the message and event logs of a directory by time', async () => {
    const { events, stats } = await readFixLogs([dir]);
    expect(events.map((e) => e.event_type)).toEqual(['logon', 'logon', 'heartbeat_gap', 'heartbeat_timeout', 'disconnect', 'logon', 'logon']);
    const gap = events.find((e) => e.event_type === 'heartbeat_gap');
    expect(gap?.timestamp).toBe('2025-11-26T10:01:15.001000000Z');
    expect(gap?.metadata).toMatchObject({ ended_by: 'disconnect', session: 'TW44→ISLD' });
    expect(events[0]?.metadata).toMatchObject({ direction: 'out', file: path.join(dir, 'FIX.4.4-TW44-ISLD.messages.current.log'), line: 1 });
    expect(stats).toMatchObject({ lines: 11, messages: 8, engineLines: 3 });
    expect(stats.sessions).toHaveLength(1);
    expect(stats.sessions[0]).toMatchObject({ outgoing: 5, incoming: 3, heartbeatGaps: 1 });
  });

  it('reports a session action once when both the event log and the message log tell it', async () => {
    const both = path.join(dir, 'both');
    await mkdir(both);
    const sent = (time: string, seq: number, type: string, extra: ReadonlyArray<readonly [number, string | number]> = []): string => msg(time, 'TW44', 'ISLD', seq, type, extra);
    const got = (time: string, seq: number, type: string, extra: ReadonlyArray<readonly [number, string | number]> = []): string => msg(time, 'ISLD', 'TW44', seq, type, extra);
    const tooHigh = got('10:00:00.050000000', 5, 'A', [[108, 30]]);
    await writeFile(path.join(both, 'FIX.4.4-TW44-ISLD.messages.log'), [
      sent('10:00:00.000000000', 1, 'A', [[108, 30]]),
      tooHigh,
      sent('10:00:00.051000000', 2, '2', [[7, 1], [16, 0]]),
      got('10:00:00.100000000', 1, '4', [[123, 'Y'], [36, 5]]),
      sent('10:00:05.000000000', 3, '5'),
      got('10:00:05.010000000', 6, '5'),
    ].join('\n'));
    // QuickFIX/J without FileIncludeMilliseconds: whole seconds, logged just after the message.
    await writeFile(path.join(both, 'FIX.4.4-TW44-ISLD.event.log'), [
      '20251126-10:00:00: Initiated logon request',
      '20251126-10:00:00: Received logon',
      `20251126-10:00:00: MsgSeqNum too high, expecting 1 but received 5: ${tooHigh.slice(tooHigh.indexOf('8=FIX'))}`,
      '20251126-10:00:00: Sent ResendRequest FROM: 1 TO: infinity',
      '20251126-10:00:00: Received SequenceReset FROM: 1 TO: 5',
      '20251126-10:00:05: Initiated logout request',
      '20251126-10:00:05: Received logout response',
      '20251126-10:00:05: Disconnecting: Received logout response',
    ].join('\n'));
    const { events, stats } = await readFixLogs([both]);
    // Each pair keeps the message's event and time; the notices alone keep their whole-second times.
    expect(events.map((e) => [e.event_type, e.metadata.direction ?? null, e.metadata.engine_notice ?? null])).toEqual([
      ['sequence_too_high', null, null],
      ['logon', 'out', 'Initiated logon request'],
      ['logon', 'in', 'Received logon'],
      ['resend_request', 'out', 'Sent ResendRequest FROM: 1 TO: infinity'],
      ['sequence_reset', 'in', 'Received SequenceReset FROM: 1 TO: 5'],
      ['disconnect', null, null],
      ['logout', 'out', 'Initiated logout request'],
      ['logout', 'in', 'Received logout response'],
    ]);
    expect(events[0]?.metadata).toMatchObject({ session: 'TW44→ISLD', quoted_msg_type_name: 'Logon', expected_seq_num: 1, received_seq_num: 5 });
    expect(events[1]?.metadata).toMatchObject({ msg_type: 'A', heart_bt_int: 30, engine_notice_line: 1 });
    expect(stats.events).toMatchObject({ logon: 2, logout: 2, resend_request: 1, sequence_reset: 1 });
    expect(stats.sessions).toHaveLength(1);
  });

  it('refuses a path that does not exist', async () => {
    await expect(readFixLogs([path.join(dir, 'missing.log')])).rejects.toMatchObject({ code: 'not_found' });
  });
});
