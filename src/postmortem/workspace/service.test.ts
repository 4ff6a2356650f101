/** The workspace use cases on the demo store: links checked to their anchor, stable ids, due dates, notes. */
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../demo/index.js';
import { OOM_FILES, demoEvidenceId } from '../../demo/evidence.js';
import { addEvidence } from '../../evidence/service.js';
import { getIncident } from '../../incidents/service.js';
import { cliContext } from '../../shared/context.js';
import { databases, useStore } from '../../test/databases.js';
import { resolveLinks } from './links.js';
import * as ws from './service.js';

const SYS = 'SYS-20251119-001';
const ctx = cliContext();
const SYSLOG = demoEvidenceId(OOM_FILES.syslog);
const METRICS = demoEvidenceId(OOM_FILES.metrics);

describe.each(databases)('root-cause workspace service on $name', (database) => {
  const t = useStore(database);
  const demo = () => loadDemo(t.deps, ctx);
  const version = async () => (await getIncident(t.deps, SYS)).version;

  it('checks the anchor of a link when it is written: the line within the file, the series in the metrics', async () => {
    await demo();
    const v = await version();
    // The demo syslog has 8 lines.
    await expect(ws.addWhyStep(t.deps, ctx, SYS, { question: 'Q', evidence: [`log:${SYSLOG}#line 400`] })).rejects.toThrow(`log:${SYSLOG}#line 400 (ob-eq-01-syslog.log has 8 lines)`);
    await expect(ws.editTimelineEntries(t.deps, ctx, SYS, ['T6'], { evidence: [`metric:${METRICS}#nosuch_series`] })).rejects.toThrow(/ob-eq-01-metrics\.csv has no series nosuch_series/);
    await expect(ws.addManualFactor(t.deps, ctx, SYS, { description: 'x', evidence: [`metric:${SYSLOG}#cpu`] })).rejects.toThrow(/ob-eq-01-syslog\.log holds no metric series/);
    expect(await version()).toBe(v);
    const ok = await ws.addWhyStep(t.deps, ctx, SYS, { question: 'Q', evidence: [`log:${SYSLOG}#line 8`, `metric:${METRICS}#process_resident_memory_bytes{host="ob-eq-01",job="ob-engine"}`] });
    expect(ok.notes).toEqual([]);
  });

  it('keeps a link into evidence whose file is gone, with a note that its anchor could not be checked', async () => {
    await demo();
    await addEvidence(t.deps, ctx, { id: 'file-0123456789ab-SYS-20251119-001', kind: 'file', name: 'rotated.log', incidentId: SYS, size: 5_000_000, metadata: { path: '/nonexistent/rotated.log' } });
    const r = await ws.addWhyStep(t.deps, ctx, SYS, { question: 'Q', evidence: ['log:file-0123456789ab-SYS-20251119-001#line 12'] });
    expect(r.notes).toEqual(['log:file-0123456789ab-SYS-20251119-001#line 12: line 12 not checked: rotated.log is kept by reference and its file is gone or changed; link kept']);
  });

  it('does not suggest again what a recorded factor covers, and keeps the ids of the others as decisions are taken', async () => {
    await demo();
    const board = await ws.factorBoard(t.deps, SYS);
    // The RSS series is the demo's F4 (recorded with other wording): covered, not open.
    expect(board.covered.map((c) => c.by)).toEqual(['F4']);
    expect(board.open.some((s) => s.evidence.some((e) => e.ref.startsWith('process_resident_memory_bytes')))).toBe(false);
    await expect(ws.decideSuggestions(t.deps, ctx, SYS, { accept: [board.covered[0]?.id ?? ''] })).rejects.toThrow(/is already covered by F4, accepted/);
    const [first, second] = board.open.map((s) => s.id);
    expect(first && second).toBeTruthy();
    const accepted = await ws.decideSuggestions(t.deps, ctx, SYS, { accept: [first as string] });
    expect(accepted.result).toEqual({ accepted: ['F5'], rejected: [] });
    const after = await ws.factorBoard(t.deps, SYS);
    expect(after.open.map((s) => s.id)).toEqual(board.open.slice(1).map((s) => s.id));
    // The id shown before still names the same suggestion, now decided; a listing number is refused.
    await expect(ws.decideSuggestions(t.deps, ctx, SYS, { reject: [first as string] })).rejects.toThrow(/covered by F5, accepted \(to make it rejected: set F5 rejected\)/);
    await expect(ws.decideSuggestions(t.deps, ctx, SYS, { reject: ['1'] })).rejects.toThrow(/"1" is not a suggestion id/);
    const rejected = await ws.decideSuggestions(t.deps, ctx, SYS, { reject: [(second as string).toLowerCase()] });
    expect(rejected.result.rejected).toEqual(['F6']);
  });

  it('adopts drafts by stable id with a checked due date, all or nothing', async () => {
    await demo();
    await ws.decideSuggestions(t.deps, ctx, SYS, { accept: (await ws.factorBoard(t.deps, SYS)).open.filter((s) => s.kind === 'crash').map((s) => s.id) });
    const drafts = await ws.actionDrafts(t.deps, SYS);
    const crash = drafts.filter((d) => d.description.includes('crash'));
    expect(crash.map((d) => d.type)).toEqual(['corrective', 'preventive']);
    const v = await version();
    await expect(ws.adoptDrafts(t.deps, ctx, SYS, [crash[0]?.id ?? ''], { due: 'tomorrow' })).rejects.toThrow(/^invalid due date "tomorrow"/);
    await expect(ws.adoptDrafts(t.deps, ctx, SYS, [crash[0]?.id ?? '', 'D0000000'])).rejects.toThrow(/no draft D0000000/);
    expect(await version()).toBe(v);
    const r = await ws.adoptDrafts(t.deps, ctx, SYS, [crash[0]?.id ?? ''], { owner: 'SRE', due: '2025-12-01T11:00:00+01:00' });
    const inc = await getIncident(t.deps, SYS);
    expect(inc.action_items?.at(-1)).toMatchObject({ owner: 'SRE', due: '2025-12-01T10:00:00Z', source: r.result[0] });
    // The other drafts keep their ids, the crash's regression test included; the adopted one is gone.
    const left = await ws.actionDrafts(t.deps, SYS);
    expect(left.map((d) => d.id)).toEqual(drafts.filter((d) => d.id !== crash[0]?.id).map((d) => d.id));
    await expect(ws.adoptDrafts(t.deps, ctx, SYS, [crash[0]?.id ?? ''])).rejects.toThrow(/it was adopted already/);
  });

  it('never gives the id of a removed entry out again, and a link to it reads as removed instead of quoting another entry', async () => {
    await demo();
    await ws.editTimelineEntries(t.deps, ctx, SYS, ['T2'], { evidence: ['timeline:T10'] });
    const removed = await ws.removeTimelineEntries(t.deps, ctx, SYS, ['T10', 'T9']);
    expect(removed.notes).toEqual(['T10 is cited by T2: that link now shows it as removed']);
    // Before, the next entry took T9 (the count), and T2's citation of T10 would soon name it.
    const added = await ws.addTimelineEntry(t.deps, ctx, SYS, { at: '2025-11-19T14:25:00Z', event: 'unrelated later entry' });
    expect(added.result).toBe('T11');
    const saved = await ws.saveTimeline(t.deps, ctx, SYS, [{ timestamp: '2025-11-19T14:26:00Z', ns: 0n, source: 'log', event_type: 'error', description: 'late error', metadata: {} }], () => undefined);
    expect(saved.incident.timeline?.at(-1)?.id).toBe('T12');
    // Removing the newest entry keeps its id taken as well.
    await ws.removeTimelineEntries(t.deps, ctx, SYS, 'T12');
    expect((await ws.addTimelineEntry(t.deps, ctx, SYS, { at: '2025-11-19T14:27:00Z', event: 'another' })).result).toBe('T13');
    const links = await resolveLinks(t.deps, await getIncident(t.deps, SYS), ['timeline:T10']);
    expect(links['timeline:T10']).toMatchObject({ error: 'timeline entry T10 was removed from the curated timeline' });
  });

  it('does not bring back a removed entry when the reconstruction is saved again, on any wording of its line', async () => {
    await demo();
    // Lines 3 and 5 of the demo syslog are not in the demo's timeline yet.
    const event = (line: number, description: string) => ({ timestamp: `2025-11-19T14:2${line}:00Z`, ns: 0n, source: 'log' as const, event_type: 'error', description, metadata: { file: 'ob-eq-01-syslog.log', line } });
    const evidenceOf = (f: string) => (f === 'ob-eq-01-syslog.log' ? SYSLOG : undefined);
    const first = await ws.saveTimeline(t.deps, ctx, SYS, [event(3, 'error three'), event(5, 'error five')], evidenceOf);
    expect(first.result).toMatchObject({ added: 2, removed: 0 });
    const three = first.incident.timeline?.find((e) => e.event === 'error three');
    expect(three?.evidence).toEqual([`log:${SYSLOG}#line 3`]);
    await ws.removeTimelineEntries(t.deps, ctx, SYS, three?.id ?? '');
    const again = await ws.saveTimeline(t.deps, ctx, SYS, [event(3, 'error three, reworded by a newer pfa'), event(5, 'error five'), { ...event(9, 'error nine'), metadata: {} }], evidenceOf);
    expect(again.result).toMatchObject({ added: 1, removed: 1 });
    const events = (again.incident.timeline ?? []).map((e) => e.event);
    expect(events.filter((e) => e.startsWith('error '))).toEqual(['error five', 'error nine']);
    // A manual entry is how a removed event comes back, deliberately; the next save leaves it alone.
    await ws.addTimelineEntry(t.deps, ctx, SYS, { at: '2025-11-19T14:23:00Z', event: 'error three, restored by hand', evidence: [`log:${SYSLOG}#line 3`] });
    const third = await ws.saveTimeline(t.deps, ctx, SYS, [event(3, 'error three')], evidenceOf);
    expect(third.result).toMatchObject({ added: 0, removed: 0 });
    expect(third.incident.timeline?.filter((e) => e.event.startsWith('error three')).map((e) => e.event)).toEqual(['error three, restored by hand']);
  });

  it('edits an entry named twice once, and refuses an entry time a year away from the incident with a 4xx error', async () => {
    await demo();
    const pinned = await ws.editTimelineEntries(t.deps, ctx, SYS, ['T3', 't3'], { pinned: true });
    expect([pinned.result, pinned.notes]).toEqual([['T3'], []]);
    const v = await version();
    const far = ws.addTimelineEntry(t.deps, ctx, SYS, { at: '9999-12-31T23:59:59.999999999Z', event: 'y', marker: 'recovery' });
    await expect(far).rejects.toThrow(/days after the incident's end .*: a timeline entry must lie within 366 days/);
    await expect(far).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await version()).toBe(v);
  });

  it('removes several timeline entries at once or none, and notes a marker taken from another entry', async () => {
    await demo();
    const v = await version();
    await expect(ws.removeTimelineEntries(t.deps, ctx, SYS, ['T9', 'T99'])).rejects.toThrow(/no timeline entry T99/);
    expect(await version()).toBe(v);
    const removed = await ws.removeTimelineEntries(t.deps, ctx, SYS, ['T9', 'T8']);
    expect(removed.result).toEqual(['T9', 'T8']);
    expect((await getIncident(t.deps, SYS)).timeline?.map((e) => e.id)).not.toContain('T8');
    const added = await ws.addTimelineEntry(t.deps, ctx, SYS, { at: '2025-11-19T14:08:30Z', event: 'OOM kill found in dmesg', marker: 'diagnosis' });
    expect(added.notes).toEqual([`diagnosis marker moved from T7 to ${added.result}`]);
  });
});
