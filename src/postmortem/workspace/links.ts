/**
 * Evidence links against the store: checked when written (the evidence attached to the incident,
 * the line or series in it, the entry or incident existing) and resolved for display (the line quoted).
 */
import type { Evidence } from '../../evidence/schema.js';
import { evidenceList } from '../../evidence/service.js';
import { findIncident } from '../../incidents/store.js';
import { lineNumberOf, parseEvidenceLink, type EvidenceLinkParts, type Incident } from '../../incidents/schema/index.js';
import type { Deps } from '../../incidents/service.js';
import { InputError } from '../../shared/errors.js';
import type { ResolvedLink } from '../types.js';
import { checkAnchor, readLine } from './anchors.js';
import { withIds } from './ids.js';

const EVIDENCE_KINDS = new Set(['log', 'metric', 'alert', 'order', 'system', 'snapshot']);
/** Longest excerpt quoted from a log line. */
const EXCERPT_MAX = 400;

/** Every link written anywhere in the record's workspace. */
export function linksOf(inc: Incident): string[] {
  const a = inc.analysis;
  const all = [
    ...(a?.five_whys ?? []).flatMap((w) => w.evidence ?? []),
    ...(a?.contributing_factors ?? []).flatMap((f) => f.evidence ?? []),
    ...(a?.fishbone?.causes ?? []).flatMap((c) => c.evidence ?? []),
    ...(inc.timeline ?? []).flatMap((e) => e.evidence ?? []),
  ];
  return [...new Set(all)];
}

/**
 * The workspace items that hold links, each with its id (withIds names a list item that has none the
 * way the workspace commands will): whys, factors, fishbone causes, timeline entries.
 */
function linkHolders(inc: Incident): { id?: string | undefined; evidence?: string[] | undefined }[] {
  const a = inc.analysis;
  return [
    ...withIds(a?.five_whys ?? [], 'W'),
    ...withIds(a?.contributing_factors ?? [], 'F'),
    ...withIds(a?.fishbone?.causes ?? [], 'C'),
    ...withIds(inc.timeline ?? [], 'T'),
  ];
}

/** For each target, the ids of the holders with a link that `cites` it. */
function citing(holders: ReturnType<typeof linkHolders>, targets: readonly string[], cites: (link: EvidenceLinkParts, target: string) => boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const target of targets) {
    const by = holders.filter((h) => (h.evidence ?? []).some((l) => {
      const p = parseEvidenceLink(l);
      return p !== null && cites(p, target);
    }));
    if (by.length) out.set(target, by.map((h) => h.id ?? '?'));
  }
  return out;
}

/**
 * The items whose links cite each of `entries` (timeline ids), e.g. { T17: ['W3', 'T2'] }. Entries
 * being removed together do not count as citing each other.
 */
export function timelineCitations(inc: Incident, entries: readonly string[]): Map<string, string[]> {
  const holders = linkHolders(inc).filter((h) => !entries.includes(h.id ?? ''));
  return citing(holders, entries, (p, target) => p.kind === 'timeline' && p.target === target);
}

/**
 * The items of the record that cite each piece of `evidence` (its ids), e.g. { 'file-3f…': ['W3', 'T17'] }:
 * links of the workspace lists by their items' ids, and the system state filled from a snapshot.
 */
export function evidenceCitations(inc: Incident, evidence: readonly string[]): Map<string, string[]> {
  const out = citing(linkHolders(inc), evidence, (p, target) => EVIDENCE_KINDS.has(p.kind) && p.target === target);
  for (const target of evidence) {
    if (inc.system_state?.snapshots?.includes(target)) out.set(target, [...(out.get(target) ?? []), 'the system state']);
  }
  return out;
}

/**
 * Refuses links whose target or anchor does not exist, with one message naming them all: the
 * evidence must be attached to the incident, a line within its file, a series in its metrics; a
 * timeline entry or incident must exist. Returns notes on anchors that could not be checked
 * (evidence kept by reference whose file is gone: see checkAnchor).
 * @example const notes = await checkLinks(deps, inc, ['log:file-…#line 4'])
 */
export async function checkLinks(deps: Deps, inc: Incident, links: readonly string[]): Promise<string[]> {
  if (links.length === 0) return [];
  const attached = new Map((await evidenceList(deps, { incidentId: inc.id, limit: 10_000 })).map((e) => [e.id, e]));
  const bad: string[] = [];
  const notes: string[] = [];
  for (const l of new Set(links)) {
    const p = parseEvidenceLink(l);
    if (!p) bad.push(`${l} (not KIND:TARGET[#REF])`);
    else if (EVIDENCE_KINDS.has(p.kind)) {
      const e = attached.get(p.target);
      if (!e) bad.push(`${l} (no evidence ${p.target} attached to ${inc.id}: see pfa evidence list ${inc.id})`);
      else if (p.ref) {
        const r = await checkAnchor(e, p.kind, p.ref);
        if (r.bad) bad.push(`${l} (${r.bad})`);
        if (r.note) notes.push(`${l}: ${r.note}; link kept`);
      }
    } else if (p.kind === 'timeline' && !(inc.timeline ?? []).some((e) => e.id === p.target)) bad.push(`${l} (no timeline entry ${p.target})`);
    else if (p.kind === 'incident' && !(await findIncident(deps.db, p.target))) bad.push(`${l} (no incident ${p.target})`);
  }
  if (bad.length) throw new InputError(`evidence links not found: ${bad.join('; ')}`, { details: { links: bad } });
  return notes;
}

const clip = (s: string) => (s.length > EXCERPT_MAX ? `${s.slice(0, EXCERPT_MAX - 1)}…` : s);

/**
 * Everything attached to an incident (resolveLinks and the document read it once).
 * @example const all = await attachedEvidence(deps, 'SYS-20251119-001');
 */
export async function attachedEvidence(deps: Deps, incidentId: string): Promise<Evidence[]> {
  return evidenceList(deps, { incidentId, limit: 10_000 });
}

/**
 * Resolves each link of the record for display: a log link quotes its line, a timeline link its
 * entry, an incident link its title. Unresolvable links say why instead of failing the document.
 */
export async function resolveLinks(deps: Deps, inc: Incident, links = linksOf(inc), attached?: readonly Evidence[]): Promise<Record<string, ResolvedLink>> {
  const evidence = new Map((attached ?? (await attachedEvidence(deps, inc.id))).map((e) => [e.id, e]));
  const out: Record<string, ResolvedLink> = {};
  for (const link of links) {
    const p = parseEvidenceLink(link);
    if (!p) {
      out[link] = { link, label: link, error: 'not an evidence link' };
      continue;
    }
    const r: ResolvedLink = { link, label: link };
    if (EVIDENCE_KINDS.has(p.kind)) {
      const e = evidence.get(p.target);
      if (!e) r.error = `evidence ${p.target} is not attached to ${inc.id}`;
      else {
        r.label = `${e.name}${p.ref ? ` ${p.ref}` : ''}`;
        const n = lineNumberOf(p.ref);
        if (n !== null) {
          const line = await readLine(e, n);
          if (line.ok) r.excerpt = clip(line.text);
          else r.error = 'unreadable' in line ? line.unreadable : `${e.name} has no line ${n}: it has ${line.lines}`;
        }
      }
    } else if (p.kind === 'timeline') {
      const entry = (inc.timeline ?? []).find((t) => t.id === p.target);
      if (entry) {
        r.label = `timeline ${p.target} (${entry.at})`;
        r.excerpt = clip(entry.event);
      } else r.error = `timeline entry ${p.target} was removed from the curated timeline`;
    } else if (p.kind === 'incident') {
      const other = await findIncident(deps.db, p.target);
      r.label = `incident ${p.target}`;
      if (other) r.excerpt = clip(other.title);
      else r.error = `no incident ${p.target}`;
    } else if (p.kind === 'crash') r.label = `crash signature ${p.target}`;
    else if (p.kind === 'url') r.label = p.target;
    out[link] = r;
  }
  return out;
}
