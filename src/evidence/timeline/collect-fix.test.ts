import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../shared/time.js';
import type { CollectOptions } from './collect.js';
import { collectFixExhaustive, planFix, readFixPart } from './collect-fix.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pfa-collect-fix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options: CollectOptions = {
  start: parseTimestamp('2025-06-27T15:00:00Z').ns,
  end: parseTimestamp('2025-06-27T16:00:00Z').ns,
  minLevel: 'error',
  baseline: 0n,
  threshold: 3,
  method: 'sigma',
};

describe('readFixPart', () => {
  it('folds an engine notice into the message event it repeats, as the reference path does', async () => {
    // QuickFIX/n's screen log (quickfixn issue #972): the notice and the 35=j it sent are one event.
    const file = path.join(dir, 'screen.log');
    writeFileSync(file, [
      '<incoming> 8=FIX.4.4|9=232|35=W|34=16544|49=a|52=20250627-15:22:23.853|56=b|55=GBPUSD|262=8rGXAb4x5HGiauDQwDsIpA|268=2|269=0|270=1.37163|271=1000000|290=1|64=20250701|278=30/10-20346|269=1|270=1.37165|271=800000|290=1|278=30/10-20347|10=235|',
      '<event> Rejecting invalid message, field not found: field not found for tag: 51',
      '<event> Reject sent for Message: 16544 Reason:Conditionally Required Field Missing',
      '<outgoing> 8=FIX.4.4|9=135|35=j|34=16548|49=b|52=20250627-15:22:23.892|56=a|45=16544|58=Conditionally Required Field Missing|372=W|380=5|10=159|',
      '',
    ].join('\n'));
    const fast = await readFixPart(file, await planFix(file, options), options);
    const reference = await collectFixExhaustive(file, options);
    expect(fast.events.map((e) => [e.timestamp, e.event_type])).toEqual(reference.events.map((e) => [e.timestamp, e.event_type]));
    expect(fast.events.filter((e) => e.event_type === 'business_reject')).toHaveLength(1);
    expect(fast.events.some((e) => /Reject sent for Message/.test(e.description))).toBe(false);
  });

  it('says when the only session goes quiet for good, with no logout, long before the window ends', async () => {
    const file = path.join(dir, 'one-session.log');
    const msg = (t: string, seq: number, type: string, extra = '') => `20250627-${t}.000000 : 8=FIX.4.4|9=60|35=${type}|34=${seq}|49=BRKR|56=ACME|52=20250627-${t}.000|${extra}10=000|`;
    const lines = [msg('15:00:00', 1, 'A', '98=0|108=10|')];
    for (let i = 1; i <= 39; i++) lines.push(msg(`15:0${Math.floor((i * 10) / 60)}:${String((i * 10) % 60).padStart(2, '0')}`, i + 1, '0'));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const note = 'session BRKR→ACME: last message at 2025-06-27T15:06:30.000000Z (heartbeats every 10 s), no logout: the session went quiet, or its log stops there, 53m 30s before the window ends';
    for (const r of [await readFixPart(file, await planFix(file, options), options), await collectFixExhaustive(file, options)]) {
      expect(r.stats.notes).toContain(note);
    }
    // A logout ends it: nothing to say.
    writeFileSync(file, `${[...lines, msg('15:06:35', 41, '5')].join('\n')}\n`);
    expect((await collectFixExhaustive(file, options)).stats.notes.filter((n) => n.startsWith('session '))).toEqual([]);
  });
});
