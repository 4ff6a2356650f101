import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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

  it('refuses a path that does not exist', async () => {
    await expect(readFixLogs([path.join(dir, 'missing.log')])).rejects.toMatchObject({ code: 'not_found' });
  });
});
