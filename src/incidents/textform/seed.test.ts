import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFullIncident } from '../../test/full-incident.js';
import { incidentSchema } from '../schema/index.js';
import { parseText, renderText } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SEED = readFileSync(path.resolve(repoRoot, '../shared/seeds/system-failure-analysis-log.txt'), 'utf8');

/** The seed's incident entry: from its INCIDENT ENTRY TEMPLATE banner to its END banner. */
function entryLines(seed: string): string[] {
  const lines = seed.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === 'INCIDENT ENTRY TEMPLATE');
  const end = lines.findIndex((l) => l.trim() === 'END OF SYSTEM FAILURE ANALYSIS');
  return lines.slice(start - 1, end + 2);
}

const isRule = (l: string) => /^={10,}$/.test(l.trim());

function bannerTitles(lines: string[]): string[] {
  return lines.filter((l, i) => !isRule(l) && l.trim() !== '' && isRule(lines[i - 1] ?? '') && isRule(lines[i + 1] ?? '')).map((l) => l.trim());
}

/** A line as a heading, label or option: leading checkbox dropped, cut after its first `:` or `?`. */
function labelOf(line: string): string | null {
  const t = line.trim().replace(/^\[[^\]]*\]\s*/, '');
  if (t === '' || /^_+$/.test(t) || t.startsWith('#') || /^\d+\.\s/.test(line.trim()) || /^\[HH/.test(line.trim())) return null;
  const m = /^[^:?[]*[:?]/.exec(t);
  return m ? m[0] : (t.split('[')[0] ?? '').trim();
}

function seedLabels(lines: string[]): string[] {
  const titles = new Set(bannerTitles(lines));
  return lines.filter((l) => !isRule(l) && !titles.has(l.trim())).flatMap((l) => labelOf(l) ?? []);
}

/** Items that appear, in this order, at the start of (checkbox-stripped) lines of `text`. */
function missingInOrder(items: string[], text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim().replace(/^\[[^\]]*\]\s*/, ''));
  const missing: string[] = [];
  let at = 0;
  for (const item of items) {
    const found = lines.findIndex((l, i) => i >= at && l.startsWith(item));
    if (found < 0) missing.push(item);
    else at = found + 1;
  }
  return missing;
}

const minimal = () =>
  incidentSchema.parse({
    id: 'SYS-20251126-003',
    status: 'open',
    version: 1,
    created_at: '2025-11-26T10:30:00Z',
    updated_at: '2025-11-26T10:30:00Z',
    kind: 'sys',
    title: 'Seed layout',
    severity: 'P2',
    started_at: '2025-11-26T10:27:35Z',
  });

describe('rendered text follows the seed system-failure log', () => {
  const lines = entryLines(SEED);
  const titles = bannerTitles(lines);
  const labels = seedLabels(lines);
  // The seed pre-fills DIAGNOSTIC COMMANDS USED with example commands under sub-headings; a record
  // that lists its own commands replaces them.
  const from = lines.findIndex((l) => l.startsWith('DIAGNOSTIC COMMANDS USED:'));
  const to = lines.findIndex((l) => l.startsWith('HARDWARE DIAGNOSTICS:'));
  const withoutPreset = seedLabels([...lines.slice(0, from + 1), ...lines.slice(to)]);

  it('reads the headings and labels from the seed', () => {
    expect(titles).toHaveLength(15);
    expect(labels.length).toBeGreaterThan(200);
    expect(labels).toEqual(expect.arrayContaining(['SEVERITY:', 'CPU/Processor', "WHY WASN'T THIS CAUGHT EARLIER?", '- Used:', 'Yes - Location:']));
  });

  // A blank form repeats list entries as often as the seed; a filled one as often as the record has entries.
  it.each([
    ['a blank form', minimal(), labels],
    ['a full record', buildFullIncident(), withoutPreset.filter((l, i) => withoutPreset.indexOf(l) === i)],
  ])('has every banner title and label of the seed, in the seed order, for %s', (_, inc, expectedLabels) => {
    const text = renderText(inc);
    const rendered = text.split('\n');
    const banners = rendered.filter((l, i) => !isRule(l) && isRule(rendered[i - 1] ?? '') && isRule(rendered[i + 1] ?? '')).map((l) => l.trim());
    expect(missingInOrder(titles, banners.join('\n'))).toEqual([]);
    expect(missingInOrder(expectedLabels, text)).toEqual([]);
  });

  it('centres the banner titles like the seed', () => {
    const text = renderText(minimal());
    expect(text).toContain(`${'='.repeat(80)}\n${' '.repeat(31)}SYMPTOMS OBSERVED\n${'='.repeat(80)}`);
  });
});

/** Replaces the first `from` after `anchor` in `text`. */
function fill(text: string, anchor: string, from: string | RegExp, to: string): string {
  const a = text.indexOf(anchor);
  if (a < 0) throw new Error(`anchor not found: ${anchor}`);
  const rest = text.slice(a);
  const m = typeof from === 'string' ? (rest.includes(from) ? { index: rest.indexOf(from), 0: from } : null) : from.exec(rest);
  if (!m) throw new Error(`not found after ${anchor}: ${String(from)}`);
  return text.slice(0, a) + rest.slice(0, m.index) + to + rest.slice(m.index + m[0].length);
}

const BLANK_LINE = /_{20,}/;

describe('a form hand-filled from the plain seed', () => {
  it('gives nothing but the defaults when left untouched (its printed blanks and commands are not values)', () => {
    expect(parseText(SEED, { validate: false })).toEqual({ kind: 'sys', status: 'open' });
  });

  it('reads what a human typed, ticked and left behind', () => {
    let t = SEED;
    t = fill(t, 'INCIDENT ID:', 'SYS-[YYYY][MM][DD]-[SEQ]', 'SYS-20251126-007');
    t = fill(t, 'DATE/TIME:', '[YYYY-MM-DD HH:MM:SS.mmm UTC]', '[2025-11-26 10:27:35.123 UTC]');
    t = fill(t, 'INCIDENT TITLE:', BLANK_LINE, 'Matching engine hung after NIC firmware update______');
    t = fill(t, 'SEVERITY:', '[ ] P1-High', '[X] P1-High');
    t = fill(t, 'SYSTEM COMPONENT:', '[ ] Network Interface Card (NIC)', '[✓] Network Interface Card (NIC)');
    t = fill(t, 'FAILURE TYPE:', '[ ] Other: _______________', '[x] Other: NIC firmware lockup');
    t = fill(t, 'INITIAL SYMPTOMS:', BLANK_LINE, 'Order gateway latency spikes');
    t = fill(t, 'INITIAL SYMPTOMS:', `\n${'_'.repeat(77)}`, '\nthen total loss of market data');
    t = fill(t, 'Hostname:', BLANK_LINE, 'ny4-md-02____');
    t = fill(t, 'CPU Cores:', /_+ CPU Speed: _+/, '16 CPU Speed: 3.0 GHz');
    t = fill(t, '- Used:', '__________ GB / __________ GB (______%)', '60 GB / 64 GB (93.75%)');
    t = fill(t, '- Memory Pressure:', '[ ] High', '[x] High');
    t = fill(t, 'TIME OF FIRST INDICATION:', '[YYYY-MM-DD HH:MM:SS.mmm UTC]', '[2025-11-26 10:27:30.5 UTC]');
    t = fill(t, 'CRASH DUMP AVAILABLE:', /\[ \] Yes - Location: _+/, '[x] Yes - Location: /var/crash/vmcore.1');
    t = fill(t, 'INVESTIGATION METHODOLOGY:', '[ ] Log Analysis', '[x] Log Analysis');
    t = fill(t, 'INVESTIGATION METHODOLOGY:', '[ ] Hardware Diagnostics', '[x] Hardware Diagnostics');
    t = fill(t, 'CONTRIBUTING FACTORS:', /1\. _+/, '1. Firmware auto-update enabled');
    t = fill(t, 'CONTRIBUTING FACTORS:', /\n {3}_+/, '\n   on production hosts');
    t = fill(t, 'Financial Loss:', /\$_+/, '$12,500 (estimated)');
    t = fill(t, 'Met SLA:', '[ ] No', '[x] No');
    t = fill(t, 'EMERGENCY RESPONSE:', /\[HH:MM:SS\] _+/, '[10:29:00] Failed over to ny4-md-03');
    t = fill(t, 'RECOVERY STEPS TAKEN:', /1\. _+/, '1. Rolled back NIC firmware');
    t = fill(t, 'RECOVERY STEPS TAKEN:', /Result: _+/, 'Result: link stable');
    t = fill(t, 'Deployment Window:', '[YYYY-MM-DD HH:MM to HH:MM UTC]', '[2025-11-27 23:30 to 00:15 UTC]');
    t = fill(t, 'WHAT WENT WELL:', BLANK_LINE, 'Failover worked');
    t = fill(t, 'WHAT WENT WELL:', `\n${'_'.repeat(77)}`, '\nAlerting fired in 20s');
    t = fill(t, 'HIGH PRIORITY:', /\[ \] Action: _+/, '[x] Action: Disable firmware auto-update');
    t = fill(t, 'HIGH PRIORITY:', /Owner: _+ Due: _+/, 'Owner: Infra Due: 2025-11-28');
    t = fill(t, 'ANALYZED BY:', /_+ Date: _+/, 'Jane Doe, SRE Date: 2025-11-27');
    // What editors and mail clients do to a file.
    t = t.split('\n').map((l, i) => (i % 3 ? `${l}   ` : l)).join('\r\n');

    const r = parseText(t) as Record<string, unknown> & { [k: string]: unknown };
    expect(r).toMatchObject({
      id: 'SYS-20251126-007',
      kind: 'sys',
      status: 'open',
      started_at: '2025-11-26T10:27:35.123Z',
      title: 'Matching engine hung after NIC firmware update',
      severity: 'P1',
      component: 'nic',
      failure_type: 'other: NIC firmware lockup',
      symptoms: { initial: 'Order gateway latency spikes\nthen total loss of market data' },
      system_state: {
        specs: { hostname: 'ny4-md-02', cpu_cores: 16, cpu_speed: '3.0 GHz' },
        memory: { used_gb: 60, total_gb: 64, used_pct: 93.75, pressure: 'high' },
      },
      failure: { first_indication_at: '2025-11-26T10:27:30.5Z', crash_dump: { available: 'yes', location: '/var/crash/vmcore.1' } },
      analysis: {
        methodology: ['log_analysis', 'hardware_diagnostics'],
        contributing_factors: [{ description: 'Firmware auto-update enabled\non production hosts' }],
      },
      impact: { trading: { financial_loss_usd: 12500, financial_loss_notes: '(estimated)' }, sla: { met: 'no' } },
      response: {
        emergency_response: [{ time: '10:29:00', action: 'Failed over to ny4-md-03' }],
        recovery_steps: [{ step: 'Rolled back NIC firmware', result: 'link stable' }],
      },
      // The window crosses midnight: the end time takes the next day.
      resolution: { deployment: { window_start: '2025-11-27T23:30:00Z', window_end: '2025-11-28T00:15:00Z' } },
      lessons: { went_well: ['Failover worked', 'Alerting fired in 20s'] },
      action_items: [{ priority: 'high', action: 'Disable firmware auto-update', owner: 'Infra', due: '2025-11-28', status: 'completed' }],
      signoff: { analyzed_by: { name: 'Jane Doe', role: 'SRE', date: '2025-11-27' } },
    });
    expect(r.supporting).toBeUndefined();
    expect(incidentSchema.omit({ version: true, created_at: true, updated_at: true }).safeParse(r).success).toBe(true);
  });
});
