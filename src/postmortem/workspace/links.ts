/**
 * Evidence links against the store: checked when written (the evidence must be attached to the
 * incident, the entry or incident must exist) and resolved for display (the log line quoted).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { materialize } from '../../evidence/files.js';
import type { Evidence } from '../../evidence/schema.js';
import { evidenceList } from '../../evidence/service.js';
import { findIncident } from '../../incidents/store.js';
import { parseEvidenceLink, type Incident } from '../../incidents/schema/index.js';
import type { Deps } from '../../incidents/service.js';
import { InputError } from '../../shared/errors.js';
import type { ResolvedLink } from '../types.js';

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
 * Refuses links whose target does not exist, with one message naming them all.
 * @example await checkLinks(deps, inc, ['log:file-…#line 4'])
 */
export async function checkLinks(deps: Deps, inc: Incident, links: readonly string[]): Promise<void> {
  if (links.length === 0) return;
  const attached = new Set((await evidenceList(deps, { incidentId: inc.id, limit: 10_000 })).map((e) => e.id));
  const bad: string[] = [];
  for (const l of links) {
    const p = parseEvidenceLink(l);
    if (!p) bad.push(`${l} (not KIND:TARGET[#REF])`);
    else if (EVIDENCE_KINDS.has(p.kind) && !attached.has(p.target)) bad.push(`${l} (no evidence ${p.target} attached to ${inc.id}: see pfa evidence list ${inc.id})`);
    else if (p.kind === 'timeline' && !(inc.timeline ?? []).some((e) => e.id === p.target)) bad.push(`${l} (no timeline entry ${p.target})`);
    else if (p.kind === 'incident' && !(await findIncident(deps.db, p.target))) bad.push(`${l} (no incident ${p.target})`);
    else if (p.ref && ['log', 'order', 'system'].includes(p.kind) && !/^line \d+$/.test(p.ref)) bad.push(`${l} (a log reference is "line N")`);
  }
  if (bad.length) throw new InputError(`evidence links not found: ${bad.join('; ')}`, { details: { links: bad } });
}

/** Line `n` (1-based) of a file, read as a stream so a large log is not loaded whole. */
async function lineOf(path: string, n: number): Promise<string | undefined> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let i = 0;
  try {
    for await (const line of rl) if (++i === n) return line;
  } finally {
    rl.close();
  }
  return undefined;
}

async function quoteLine(e: Evidence, n: number): Promise<string | undefined> {
  if (e.content !== null) return e.content.split('\n')[n - 1]?.replace(/\r$/, '');
  const m = await materialize(e);
  if (!m) return undefined;
  try {
    return await lineOf(m.path, n);
  } finally {
    await m.release();
  }
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
        const n = p.ref ? /^line (\d+)$/.exec(p.ref)?.[1] : undefined;
        if (n) {
          try {
            const text = await quoteLine(e, Number(n));
            if (text === undefined) r.error = `${e.name} has no line ${n} (or is no longer readable)`;
            else r.excerpt = clip(text);
          } catch (err) {
            r.error = `cannot read ${e.name}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
          }
        }
      }
    } else if (p.kind === 'timeline') {
      const entry = (inc.timeline ?? []).find((t) => t.id === p.target);
      if (entry) {
        r.label = `timeline ${p.target} (${entry.at})`;
        r.excerpt = clip(entry.event);
      } else r.error = `no timeline entry ${p.target}`;
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
