import { describe, expect, it } from 'vitest';
import { buildFullIncident } from '../../test/full-incident.js';
import { canonicalize } from '../merge.js';
import { incidentExportSchema, incidentSchema, type Incident } from '../schema/index.js';
import { COMPILED } from './layout.js';
import { getPath, isObj, setPath, type Obj } from './paths.js';
import { parseText, renderText } from './index.js';
import type { Item } from './spec.js';
import { rng } from '../../test/random.js';

/** What the form must give back: the content with id, kind and status, without store bookkeeping. */
function expected(inc: Incident): unknown {
  const { version: _v, created_at: _c, updated_at: _u, ...content } = inc;
  return canonicalize(content);
}

const roundTrip = (inc: Incident) => canonicalize(parseText(renderText(inc)));

const minimal = (): Incident =>
  incidentSchema.parse({
    id: 'INC-20251126-002',
    status: 'open',
    version: 1,
    created_at: '2025-11-26T10:30:00Z',
    updated_at: '2025-11-26T10:30:00Z',
    kind: 'inc',
    title: 'Minimal',
    severity: 'P3',
    started_at: '2025-11-26T10:27:35.123456789Z',
  });

describe('text form round trip', () => {
  it('gives back every field of a fully filled record', () => {
    const inc = buildFullIncident();
    expect(roundTrip(inc)).toEqual(expected(inc));
  });

  it('gives back a minimal record and nothing more from the blank form', () => {
    const inc = minimal();
    const text = renderText(inc);
    expect(text).toContain('\nINITIAL SYMPTOMS:\n____');
    expect(canonicalize(parseText(text))).toEqual({
      id: 'INC-20251126-002',
      status: 'open',
      kind: 'inc',
      title: 'Minimal',
      severity: 'P3',
      started_at: '2025-11-26T10:27:35.123456789Z',
    });
  });

  it('renders its own output identically after a round trip', () => {
    const inc = buildFullIncident();
    const text = renderText(inc);
    const again = incidentExportSchema.parse({ ...parseText(text), version: 3, created_at: inc.created_at, updated_at: inc.updated_at });
    expect(renderText(again)).toBe(text);
  });

  it('keeps 9 fractional digits, -0, big numbers and list order', () => {
    const inc = buildFullIncident({
      started_at: '2025-11-26T10:27:35.000000001Z',
      system_state: { cpu: { overall_pct: -0, interrupts_per_sec: 1e21, context_switches_per_sec: 1.5e-7 } },
      analysis: { methodology: ['reproduction', 'log_analysis', 'reproduction'] },
    });
    const back = roundTrip(inc) as Incident;
    expect(back.started_at).toBe('2025-11-26T10:27:35.000000001Z');
    expect(Object.is(back.system_state?.cpu?.overall_pct, -0)).toBe(true);
    expect(back.system_state?.cpu?.interrupts_per_sec).toBe(1e21);
    expect(back.analysis?.methodology).toEqual(['reproduction', 'log_analysis', 'reproduction']);
  });

  it('gives back the removed timeline entries an export carries; a blank section is none, a form without it says nothing', () => {
    const key = (c: string) => c.repeat(64);
    const timeline_dismissals = [
      { entry_id: 'T3', removed_at: '2025-11-27T09:00:00.123456789Z', removed_by: 'alice', keys: [key('a'), key('b')] },
      { entry_id: 'T12', removed_at: '2025-11-27T09:05:00Z', removed_by: 'bob, the on-call', keys: [key('c')] },
    ];
    const text = renderText({ ...minimal(), timeline_dismissals });
    expect(text).toContain(`\n[2025-11-27 09:00:00.123456789 UTC] T3\n    Removed By: alice\n    Keys: ${key('a')}, ${key('b')}\n`);
    expect(parseText(text).timeline_dismissals).toEqual(timeline_dismissals);
    expect(parseText(renderText(minimal())).timeline_dismissals).toEqual([]);
    const banner = text.indexOf('REMOVED TIMELINE ENTRIES (UTC)');
    const older = text.slice(0, text.lastIndexOf('\n', text.lastIndexOf('\n', banner) - 1)) + text.slice(text.indexOf('POST-MORTEM MILESTONES') - 82);
    expect(older).not.toContain('REMOVED TIMELINE');
    expect(parseText(older)).not.toHaveProperty('timeline_dismissals');
  });

  it('keeps action items in record order when priorities interleave', () => {
    const items = [
      { priority: 'low', action: 'first' },
      { priority: 'high', action: 'second', status: 'completed' },
      { priority: 'low', action: 'third' },
    ];
    const inc = buildFullIncident({ action_items: items });
    expect((roundTrip(inc) as Incident).action_items).toEqual(items);
  });

  it('tolerates CRLF, trailing spaces and other tick marks', () => {
    const inc = minimal();
    const withChoices = incidentSchema.parse({ ...inc, component: 'memory', failure_type: 'other: odd', analysis: { methodology: ['log_analysis', 'code_review'] } });
    const text = renderText(withChoices);
    const messy = text
      .split('\n')
      .map((l, i) => `${l.replace(/^\[x\]/, i % 2 ? '[X]' : '[✓]')}  \t`)
      .join('\r\n');
    expect(messy).toContain('[✓]');
    expect(canonicalize(parseText(messy))).toEqual(expected(withChoices));
  });
});

// ---- property test: random hostile text in every free-text place of the form ----

const FRAGMENTS = [
  '', ' ', '   ', '\t', '\\', '\\\\', '____', '___x', 'x___', '[x]', '[ ]', '[2]', '1.', '2) ', '- ', '* ', '"', '""', '"a"', ',', ', ',
  'Date:', ' Date: ', 'Old Value:', 'Other:', ' to ', '/', '(', '%)', 'INITIAL SYMPTOMS:', 'Details:', 'Hostname:', 'Owner:', 'Result:',
  'Action:', 'Answer:', 'Marker:', 'URL:', 'File:', 'HIGH PRIORITY:', '================', 'SYMPTOMS OBSERVED', 'END OF SYSTEM FAILURE ANALYSIS',
  '[10:00:00]', 'YYYY-MM-DD', 'HH:MM:SS', '#', '|', '<b>', 'é', '日本', '🚀', 'a', 'word', 'SYS-[YYYY]', '\r', '\u2028', '\f', 'GB', '%',
];

function randomText(rand: () => number, multiline: boolean): string {
  const pick = () => FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)] ?? '';
  const line = () => Array.from({ length: Math.floor(rand() * 5) }, pick).join('');
  const n = multiline ? 1 + Math.floor(rand() * 4) : 1;
  return Array.from({ length: n }, line).join('\n');
}

interface Slot {
  /** Path of the field, or of the list whose elements carry it at `rel`. */
  path: string;
  rel?: string;
  kind: 'text' | 'list' | 'other';
}

/** Every place of the layout that holds free text, a list of strings or an other-choice. */
function slots(items: readonly Item[], group?: string): Slot[] {
  const slot = (path: string, kind: Slot['kind']): Slot => (group === undefined ? { path, kind } : { path: group, rel: path, kind });
  return items.flatMap((item): Slot[] => {
    switch (item.type) {
      case 'text':
        return [slot(item.path, 'text')];
      case 'row':
        return item.cells.filter((c) => c.kind === 'text' || c.kind === 'list').map((c) => slot(c.path, c.kind === 'list' ? 'list' : 'text'));
      case 'choice':
        return item.other === 'never' || item.multi ? [] : [slot(item.path, 'other')];
      case 'group': {
        if (group !== undefined) return [];
        const s = item.starter;
        const own = s.type === 'item' ? slots([s.item], item.path) : [{ path: item.path, rel: s.path, kind: 'text' as const }];
        const stamp = s.type === 'stamp' && s.cell.kind === 'text' ? [{ path: item.path, rel: s.cell.path, kind: 'text' as const }] : [];
        return [...own, ...stamp, ...slots(item.subs, item.path)];
      }
      default:
        return [];
    }
  });
}

describe('text form round trip with random hostile text', () => {
  const all = COMPILED.flatMap((s) => slots(s.spec.items));

  it('finds the free-text places of the form', () => {
    expect(all.length).toBeGreaterThan(150);
  });

  it('survives 60 records with random text in 16 places each', () => {
    const rand = rng(20251126);
    const base = JSON.parse(JSON.stringify(buildFullIncident())) as Obj;
    let checked = 0;
    for (let iter = 0; iter < 60; iter++) {
      const rec = structuredClone(base);
      const changed: string[] = [];
      for (let k = 0; k < 16; k++) {
        const s = all[Math.floor(rand() * all.length)];
        if (!s) continue;
        // Ids and evidence links have a grammar random text rarely meets: such a change is undone
        // (below) so that each record still carries many free-text changes.
        const before = structuredClone(rec);
        const value = s.kind === 'list' ? [randomText(rand, false), randomText(rand, true)] : s.kind === 'other' ? `other: x${randomText(rand, true)}x` : randomText(rand, true);
        if (s.rel === undefined) setPath(rec, s.path, value);
        else {
          const list = getPath(rec, s.path);
          const el = Array.isArray(list) ? (list as unknown[])[Math.floor(rand() * list.length)] : undefined;
          if (s.rel === '_' && Array.isArray(list)) list[0] = value;
          else if (isObj(el)) setPath(el, s.rel, value);
        }
        if (!incidentSchema.safeParse(canonicalize(rec)).success) {
          for (const key of Object.keys(rec)) delete rec[key];
          Object.assign(rec, before);
          continue;
        }
        changed.push(`${s.path}${s.rel ? `[].${s.rel}` : ''}`);
      }
      // Stored records are canonical (blank == absent); one whose required text became blank is not valid.
      const parsed = incidentSchema.safeParse(canonicalize(rec));
      if (!parsed.success) continue;
      const inc = parsed.data;
      let back: unknown;
      try {
        back = roundTrip(inc);
      } catch (err) {
        throw new Error(`iteration ${iter}, changed ${changed.join(', ')}: ${String(err)}`);
      }
      expect(back, `iteration ${iter}, changed ${changed.join(', ')}`).toEqual(expected(inc));
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });
});
