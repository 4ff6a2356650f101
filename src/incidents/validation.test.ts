import { describe, expect, it } from 'vitest';
import { useApi } from '../test/api.js';
import { databases } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { parseId } from './ids.js';
import { foldLines, isCleanText, isTimestamp, stripControls } from './schema/fields.js';

const BASE = '/api/v1/incidents';

describe('field rules', () => {
  it('accepts RFC 3339 timestamps and refuses impossible offsets and dates', () => {
    for (const ok of ['2025-11-26T10:27:35.123456789Z', '2025-11-26T10:27:35+05:30', '2025-11-26T10:27:35-0800', '2025-11-26', '1969-12-31T23:59:59Z', '0050-01-01T00:00:00Z']) {
      expect(isTimestamp(ok), ok).toBe(true);
    }
    for (const bad of ['2025-11-26T10:27:35+25:00', '2025-11-26T10:27:35+99:99', '2025-11-26T10:27:35-00:60', '9999-12-31T23:59:59-14:00', '2025-02-30T00:00:00Z']) {
      expect(isTimestamp(bad), bad).toBe(false);
    }
  });

  it('refuses control characters, keeps tab and line breaks in text, folds them in one-line values', () => {
    expect(isCleanText('multi\nline\ttext\r\n')).toBe(true);
    expect(isCleanText('💥 Ünïcödé 中文')).toBe(true);
    expect(isCleanText('a\u001b[31mred')).toBe(false);
    expect(isCleanText('bell\u0007')).toBe(false);
    expect(isCleanText('nul\u0000')).toBe(false);
    expect(isCleanText('\ud800 lone')).toBe(false);
    expect(isCleanText('pair \ud83d\udca5')).toBe(true);
    expect(stripControls('\ud800 lone\u0007')).toBe('\uFFFD lone');
    expect(foldLines('two \r\n lines\nand\rthree')).toBe('two lines and three');
  });

  it('parses only canonical ids with a bounded sequence', () => {
    expect(parseId('SYS-20251126-001')).toEqual({ key: 'SYS-20251126', seq: 1, kind: 'sys' });
    expect(parseId('INC-20251126-123456')?.seq).toBe(123456);
    for (const bad of ['SYS-20251126-0001', 'SYS-20251126-1234567', `SYS-20251126-${'9'.repeat(30)}`, 'SYS-20251126-01']) expect(parseId(bad), bad).toBeNull();
  });
});

describe.each(databases)('incident input over the API on $name', (database) => {
  const t = useApi(database);

  it('refuses an id whose sequence would corrupt the day counter, and keeps allocating normal ids', async () => {
    const huge = await t.api.request('POST', BASE, { body: buildIncident({ id: `SYS-20251126-${'9'.repeat(30)}` }) });
    expect(huge.statusCode).toBe(400);
    expect(huge.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toContain('id');
    const next = await t.api.request('POST', BASE, { body: buildIncident() });
    expect(next.json<{ id: string }>().id).toBe('SYS-20251126-001');
  });

  it('refuses control characters, folds multi-line titles, keeps unicode', async () => {
    const esc = await t.api.request('POST', BASE, { body: buildIncident({ title: 'a\u001b]0;pwned\u0007b' }) });
    expect(esc.statusCode).toBe(400);
    expect(esc.json<{ detail: string }>().detail).toMatch(/title: must not contain control characters/);
    const bad = await t.api.request('POST', BASE, { body: buildIncident({ summary: { description: 'ok\nbut \u001b[2J clears the screen' } }) });
    expect(bad.json<{ detail: string }>().detail).toMatch(/summary\.description: must not contain control characters/);
    const folded = await t.api.request('POST', BASE, { body: buildIncident({ title: 'OOM kill\r\n# not a heading', summary: { incident_commander: 'Ana\nB' } }) });
    expect(folded.statusCode).toBe(201);
    expect(folded.json()).toMatchObject({ title: 'OOM kill # not a heading', summary: { incident_commander: 'Ana B' } });
    // JSON may spell a lone surrogate; no UTF-8 store or export can keep it.
    const lone = await t.api.request('POST', BASE, { body: buildIncident({ title: '\ud800 lone' }) });
    expect(lone.statusCode).toBe(400);
    expect(lone.json<{ detail: string }>().detail).toMatch(/title: must not contain control characters .* nor a lone UTF-16 surrogate/);
    const ok = await t.api.request('POST', BASE, { body: buildIncident({ title: '💥 Ünïcödé 中文', summary: { description: 'line 1\n\tline 2' } }) });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ summary: { description: 'line 1\n\tline 2' } });
  });

  it('refuses zone offsets out of range in bodies and filters', async () => {
    const res = await t.api.request('POST', BASE, { body: buildIncident({ started_at: '2025-11-26T10:27:35+99:99' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ issues: { path: string }[] }>().issues[0]?.path).toBe('started_at');
    expect((await t.api.request('GET', `${BASE}?to=${encodeURIComponent('2025-01-01T00:00:00+25:00')}`)).statusCode).toBe(400);
  });
});
