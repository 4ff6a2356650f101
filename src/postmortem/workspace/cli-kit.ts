/** What the workspace commands share: their options, the `--version` guard and how an edit is reported. */
import type { Command } from 'commander';
import { intOption } from '../../cli/input.js';
import { toJson } from '../../cli/output.js';
import type { Runtime } from '../../cli/runtime.js';
import type { Incident } from '../../incidents/schema/index.js';

export interface WorkspaceOptions {
  question?: string;
  answer?: string;
  parent?: string;
  first?: boolean;
  rootCause?: boolean;
  notRootCause?: boolean;
  evidence?: string[];
  cascade?: boolean;
  category?: string;
  cause?: string;
  factor?: string;
  newCategory?: boolean;
  description?: string;
  details?: string;
  owner?: string;
  due?: string;
  at?: string;
  event?: string;
  marker?: string;
  pin?: boolean;
  annotation?: string;
  key?: boolean;
  svg?: string;
  version?: number;
}

/**
 * Adds the optimistic-concurrency guard every editing verb takes.
 * @example withVersion(rca.command('whys <id> [verb] [args...]'))
 */
export const withVersion = (cmd: Command) => cmd.option('--version <n>', 'only if the incident is still at this version', intOption('--version'));

/**
 * A repeatable --evidence option. Unlike the shared `collect`, it does not split on commas: a metric
 * link names a series whose labels are comma-separated (`metric:…#cpu{host="a",job="b"}`).
 * @example cmd.option('--evidence <link>', 'evidence link (repeatable)', evidenceOption)
 */
export function evidenceOption(value: string, previous: string[] = []): string[] {
  const v = value.trim();
  return v ? [...previous, v] : previous;
}

/**
 * Reports an edit: the message and the new version, then its notes (a marker moved, a link not checkable).
 * @example done(rt, await ws.addWhyStep(deps, rt.ctx, id, input), 'added W8')
 */
export function done(rt: Runtime, r: { incident: Incident; result: unknown; notes: string[] }, message: string): void {
  if (rt.output.json) return rt.output.out(toJson({ result: r.result, version: r.incident.version, ...(r.notes.length ? { notes: r.notes } : {}) }));
  rt.output.out(`${message} (${r.incident.id} is now version ${r.incident.version})`);
  for (const n of r.notes) rt.output.err(`note: ${n}`);
}

/**
 * Ids as a short list for a message.
 * @example listed(['T20', 'T19']) === 'T20, T19'
 */
export const listed = (ids: unknown): string => (Array.isArray(ids) ? ids.join(', ') : String(ids));
