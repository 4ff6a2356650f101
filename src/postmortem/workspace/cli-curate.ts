/** `pfa curate ID [VERB …]`: the curated timeline (pins, markers, annotations, manual entries) from the command line. */
import type { Command } from 'commander';
import { table, toJson } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { getIncident } from '../../incidents/service.js';
import { usageError, verbSpec, type VerbSpec } from '../cli-args.js';
import { columnTimes } from '../render/index.js';
import { done, evidenceOption, listed, withVersion, type WorkspaceOptions } from './cli-kit.js';
import { keyEntries, parseMarker } from './curate.js';
import * as ws from './service.js';

const curateVerbs = (id: string): Record<string, VerbSpec> => ({
  show: { args: [0, 0], options: ['key'], usage: `pfa curate ${id} [--key]` },
  add: { args: [0, 0], options: ['at', 'event', 'marker', 'pin', 'annotation', 'evidence', 'version'], usage: `pfa curate ${id} add --at TIME --event TEXT [--marker M] [--pin] [--annotation TEXT] [--evidence LINK]…` },
  pin: { args: [1, Infinity], options: ['version'], usage: `pfa curate ${id} pin ENTRY…` },
  unpin: { args: [1, Infinity], options: ['version'], usage: `pfa curate ${id} unpin ENTRY…` },
  // The words after the entry are the note, as the shell split them: `annotate T4 paged twice` needs no quotes.
  annotate: { args: [2, Infinity], options: ['version'], usage: `pfa curate ${id} annotate ENTRY TEXT` },
  mark: { args: [2, 2], options: ['version'], usage: `pfa curate ${id} mark ENTRY MARKER` },
  unmark: { args: [1, Infinity], options: ['version'], usage: `pfa curate ${id} unmark ENTRY…` },
  link: { args: [2, Infinity], options: ['version'], usage: `pfa curate ${id} link ENTRY LINK…` },
  remove: { args: [1, Infinity], options: ['version'], usage: `pfa curate ${id} remove ENTRY…` },
});

export function registerCurateCommand(program: Command): void {
  withVersion(program.command('curate <id> [verb] [args...]'))
    .description('the curated timeline: show (default) | add --at T --event TEXT | pin E… | unpin E… | annotate E TEXT | mark E MARKER | unmark E… | link E LINK… | remove E…')
    .option('--at <time>', 'add: when (RFC 3339)')
    .option('--event <text>', 'add: what happened')
    .option('--marker <marker>', 'add: first_indication, detection, diagnosis, fix, verification or recovery (moves it off the entry that had it)')
    .option('--pin', 'add: pin it as a key event')
    .option('--annotation <text>', 'add: a note')
    .option('--evidence <link>', 'add: evidence link (repeatable)', evidenceOption)
    .option('--key', 'show: only the key events (pinned and marked, or all when none is pinned)')
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions, cmd: Command) => {
        const verbName = verb ?? 'show';
        const spec = verbSpec(cmd, curateVerbs(id), verbName, args);
        const deps = await rt.deps();
        const v = o.version;
        const entry = args[0] as string;
        switch (verbName) {
          case 'show': {
            const inc = await getIncident(deps, id);
            const entries = o.key ? keyEntries(inc.timeline ?? []) : (inc.timeline ?? []);
            if (rt.output.json) return rt.output.out(toJson({ timeline: entries }));
            if (entries.length === 0) return rt.output.out(`${id} has no timeline yet: pfa timeline ${id} --save, or pfa curate ${id} add --at T --event TEXT`);
            const times = columnTimes(entries.map((e) => e.at));
            return rt.output.out(
              table(
                entries.map((e, i) => ({ id: e.id ?? '', time: times[i] ?? e.at, pin: e.pinned ? '*' : '', marker: e.marker ?? '', event: `${e.event}${e.annotation ? ` — ${e.annotation}` : ''}` })),
                ['id', 'time', 'pin', 'marker', 'event'],
                { maxWidth: 100 },
              ),
            );
          }
          case 'add': {
            if (!o.at || !o.event) return usageError(cmd, `usage: ${spec.usage}`);
            const input = {
              at: o.at,
              event: o.event,
              ...(o.marker ? { marker: parseMarker(o.marker) } : {}),
              ...(o.pin ? { pinned: true } : {}),
              ...(o.annotation ? { annotation: o.annotation } : {}),
              ...(o.evidence ? { evidence: o.evidence } : {}),
            };
            const r = await ws.addTimelineEntry(deps, rt.ctx, id, input, v);
            return done(rt, r, `added ${r.result}`);
          }
          case 'pin':
          case 'unpin': {
            // The service's result names each entry once (`pin T2 T2` pins T2).
            const r = await ws.editTimelineEntries(deps, rt.ctx, id, args, { pinned: verbName === 'pin' }, v);
            return done(rt, r, `${verbName}ned ${r.result.join(', ')}`);
          }
          case 'annotate':
            return done(rt, await ws.editTimelineEntries(deps, rt.ctx, id, [entry], { annotation: args.slice(1).join(' ') }, v), `annotated ${entry}`);
          case 'mark': {
            const marker = parseMarker(args[1] as string);
            return done(rt, await ws.editTimelineEntries(deps, rt.ctx, id, [entry], { marker }, v), `marked ${entry} as ${marker}`);
          }
          case 'unmark': {
            const r = await ws.editTimelineEntries(deps, rt.ctx, id, args, { marker: null }, v);
            return done(rt, r, `unmarked ${r.result.join(', ')}`);
          }
          case 'link':
            return done(rt, await ws.editTimelineEntries(deps, rt.ctx, id, [entry], { evidence: args.slice(1) }, v), `linked ${entry}`);
          default: {
            const r = await ws.removeTimelineEntries(deps, rt.ctx, id, args, v);
            return done(rt, r, `removed ${listed(r.result)}`);
          }
        }
      }),
    );
}
