/**
 * `pfa rca whys|fishbone|factors|actions ID [VERB …]` and `pfa curate ID [VERB …]`: the root-cause
 * workspace from the command line. Each verb is one service call; with no verb the command shows.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { collect, intOption } from '../../cli/input.js';
import { table, toJson } from '../../cli/output.js';
import { action, type Runtime } from '../../cli/runtime.js';
import { getIncident } from '../../incidents/service.js';
import type { Incident, WhyStep } from '../../incidents/schema/index.js';
import { InputError } from '../../shared/errors.js';
import { whyTreeText } from './present.js';
import { keyEntries, parseMarker } from './curate.js';
import { resolveLinks } from './links.js';
import * as ws from './service.js';
import { fishboneSvgFor } from '../document.js';

interface WorkspaceOptions {
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

const numbers = (args: string[], what: string) =>
  args.map((a) => {
    const n = Number(a.replace(/^#/, ''));
    if (!Number.isInteger(n) || n < 1) throw new InputError(`expected ${what} numbers such as 1 2 3, got "${a}"`);
    return n;
  });

function need(args: string[], n: number, usage: string): void {
  if (args.length < n) throw new InputError(`usage: ${usage}`);
}

function done(rt: Runtime, r: { incident: Incident; result: unknown }, message: string): void {
  if (rt.output.json) rt.output.out(toJson({ result: r.result, version: r.incident.version }));
  else rt.output.out(`${message} (${r.incident.id} is now version ${r.incident.version})`);
}

function whyInput(o: WorkspaceOptions) {
  return {
    ...(o.question !== undefined ? { question: o.question } : {}),
    ...(o.answer !== undefined ? { answer: o.answer } : {}),
    ...(o.first ? { parent: null } : o.parent !== undefined ? { parent: o.parent } : {}),
    ...(o.rootCause ? { root_cause: true } : o.notRootCause ? { root_cause: false } : {}),
    ...(o.evidence?.length ? { evidence: o.evidence } : {}),
  };
}

const withVersion = (cmd: Command) => cmd.option('--version <n>', 'only if the incident is still at this version', intOption('--version'));

export function registerWorkspaceCommands(program: Command): void {
  const rca = program.commands.find((c) => c.name() === 'rca') ?? program.command('rca').description('root-cause analysis');

  withVersion(rca.command('whys <id> [verb] [args...]'))
    .description('the 5-whys tree: show (default) | add | edit STEP | link STEP LINK… | unlink STEP LINK… | remove STEP')
    .option('--question <text>', 'add/edit: the why question')
    .option('--answer <text>', 'add/edit: its answer')
    .option('--parent <step>', 'add/edit: the step this one asks why about (default for add: the last step)')
    .option('--first', 'add/edit: a first why (a new branch of the tree)')
    .option('--root-cause', 'add/edit: mark the answer as a root cause')
    .option('--not-root-cause', 'edit: clear the root-cause mark')
    .option('--evidence <link>', 'add/edit: evidence link KIND:TARGET[#REF], e.g. log:<evidence id>#line 42 (repeatable)', collect)
    .option('--cascade', 'remove: also remove the steps that follow from it')
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions) => {
        const deps = await rt.deps();
        switch (verb ?? 'show') {
          case 'show': {
            const inc = await getIncident(deps, id);
            const steps = ws.whySteps(inc);
            const links = await resolveLinks(deps, inc, [...new Set(steps.flatMap((s: WhyStep) => s.evidence ?? []))]);
            if (rt.output.json) return rt.output.out(toJson({ steps, links }));
            return rt.output.out(steps.length ? whyTreeText(steps, links) : `${id} has no 5-whys steps yet: pfa rca whys ${id} add --question "Why …?" --answer "…"`);
          }
          case 'add':
            return done(rt, await ws.addWhyStep(deps, rt.ctx, id, whyInput(o), o.version), 'added');
          case 'edit':
            need(args, 1, `pfa rca whys ${id} edit STEP [--question …] [--answer …] [--parent STEP|--first] [--root-cause|--not-root-cause] [--evidence LINK]`);
            return done(rt, await ws.editWhyStep(deps, rt.ctx, id, args[0] as string, whyInput(o), o.version), `edited ${args[0]}`);
          case 'link':
            need(args, 2, `pfa rca whys ${id} link STEP LINK…`);
            return done(rt, await ws.editWhyStep(deps, rt.ctx, id, args[0] as string, { evidence: args.slice(1) }, o.version), `linked ${args[0]}`);
          case 'unlink':
            need(args, 2, `pfa rca whys ${id} unlink STEP LINK…`);
            return done(rt, await ws.unlinkWhyStep(deps, rt.ctx, id, args[0] as string, args.slice(1), o.version), `unlinked from ${args[0]}`);
          case 'remove':
            need(args, 1, `pfa rca whys ${id} remove STEP [--cascade]`);
            return done(rt, await ws.removeWhyStep(deps, rt.ctx, id, args[0] as string, { cascade: Boolean(o.cascade) }, o.version), `removed ${args[0]}`);
          default:
            throw new InputError(`unknown verb "${verb}": expected show, add, edit, link, unlink or remove`);
        }
      }),
    );

  withVersion(rca.command('fishbone <id> [verb] [args...]'))
    .description('the fishbone: show (default) | add --category C --cause TEXT | remove CAUSE | categories NAME…; --svg FILE draws it')
    .option('--category <name>', 'add: the category')
    .option('--cause <text>', 'add: the cause')
    .option('--factor <id>', 'add: the contributing factor (F…) it stands for')
    .option('--evidence <link>', 'add: evidence link (repeatable)', collect)
    .option('--new-category', 'add: allow a category outside the current set')
    .option('--svg <file>', 'write the diagram as SVG')
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions) => {
        const deps = await rt.deps();
        switch (verb ?? 'show') {
          case 'show': {
            const inc = await getIncident(deps, id);
            const categories = ws.categoriesOf(deps, inc);
            const causes = inc.analysis?.fishbone?.causes ?? [];
            if (o.svg) {
              writeFileSync(o.svg, fishboneSvgFor(inc, categories));
              rt.output.err(`wrote ${o.svg}`);
            }
            if (rt.output.json) return rt.output.out(toJson({ effect: inc.analysis?.fishbone?.effect ?? inc.title, categories, causes }));
            for (const c of categories) {
              const mine = causes.filter((x) => x.category.toLowerCase() === c.toLowerCase());
              rt.output.out(`${c}:${mine.length ? '' : ' (none)'}`);
              for (const m of mine) rt.output.out(`  ${m.id ?? '-'} ${m.cause}${m.factor ? ` [${m.factor}]` : ''}${m.evidence?.length ? `  ⟶ ${m.evidence.join(', ')}` : ''}`);
            }
            return;
          }
          case 'add':
            if (!o.category || !o.cause) throw new InputError(`usage: pfa rca fishbone ${id} add --category NAME --cause TEXT [--factor F1] [--evidence LINK]`);
            return done(
              rt,
              await ws.addFishboneCause(deps, rt.ctx, id, { category: o.category, cause: o.cause, ...(o.factor ? { factor: o.factor } : {}), ...(o.evidence ? { evidence: o.evidence } : {}), newCategory: Boolean(o.newCategory) }, o.version),
              'added',
            );
          case 'remove':
            need(args, 1, `pfa rca fishbone ${id} remove CAUSE`);
            return done(rt, await ws.removeFishboneCause(deps, rt.ctx, id, args[0] as string, o.version), `removed ${args[0]}`);
          case 'categories':
            need(args, 1, `pfa rca fishbone ${id} categories NAME…`);
            return done(rt, await ws.setFishboneCategories(deps, rt.ctx, id, args, o.version), 'categories set');
          default:
            throw new InputError(`unknown verb "${verb}": expected show, add, remove or categories`);
        }
      }),
    );

  withVersion(rca.command('factors <id> [verb] [args...]'))
    .description('contributing factors: show (default: recorded, and numbered open suggestions) | accept N… | reject N… | add --description TEXT | set F… accepted|rejected')
    .option('--description <text>', 'add: the factor')
    .option('--details <text>', 'add: details')
    .option('--category <name>', 'accept/add: its fishbone category')
    .option('--evidence <link>', 'add: evidence link (repeatable)', collect)
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions) => {
        const deps = await rt.deps();
        switch (verb ?? 'show') {
          case 'show': {
            const b = await ws.factorBoard(deps, id);
            if (rt.output.json) return rt.output.out(toJson(b));
            rt.output.out(b.factors.length ? table(b.factors.map((f) => ({ id: f.id ?? '', status: f.status ?? 'accepted', kind: f.kind ?? '', factor: f.description })), ['id', 'status', 'kind', 'factor'], { maxWidth: 100 }) : 'no contributing factor recorded');
            if (b.open.length) {
              rt.output.out(`\nsuggestions (accept with: pfa rca factors ${id} accept N…):`);
              rt.output.out(table(b.open.map((f, i) => ({ '#': i + 1, kind: f.kind, score: f.score === undefined ? '' : f.score.toFixed(2), suggestion: f.description })), ['#', 'kind', 'score', 'suggestion'], { maxWidth: 100 }));
            }
            for (const n of b.notes) rt.output.err(`note: ${n}`);
            return;
          }
          case 'accept':
          case 'reject':
            need(args, 1, `pfa rca factors ${id} ${verb} N…`);
            return done(rt, await ws.decideSuggestions(deps, rt.ctx, id, numbers(args, 'suggestion'), verb === 'accept' ? 'accepted' : 'rejected', o.category ? { category: o.category } : {}, o.version), `${verb}ed`);
          case 'add':
            if (!o.description) throw new InputError(`usage: pfa rca factors ${id} add --description TEXT [--details …] [--category …] [--evidence LINK]`);
            return done(
              rt,
              await ws.addManualFactor(deps, rt.ctx, id, { description: o.description, ...(o.details ? { details: o.details } : {}), ...(o.category ? { category: o.category } : {}), ...(o.evidence ? { evidence: o.evidence } : {}) }, o.version),
              'added',
            );
          case 'set': {
            need(args, 2, `pfa rca factors ${id} set F… accepted|rejected`);
            const status = args[1];
            if (status !== 'accepted' && status !== 'rejected') throw new InputError('status must be accepted or rejected');
            return done(rt, await ws.setFactor(deps, rt.ctx, id, args[0] as string, status, o.version), `${args[0]} ${status}`);
          }
          default:
            throw new InputError(`unknown verb "${verb}": expected show, accept, reject, add or set`);
        }
      }),
    );

  withVersion(rca.command('actions <id> [verb] [args...]'))
    .description('corrective-action drafts from root causes, factors and fishbone causes: show (default) | adopt N… (adds them to the corrective actions and the action tracker)')
    .option('--owner <name>', 'adopt: owner of the action items')
    .option('--due <date>', 'adopt: due date of the action items')
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions) => {
        const deps = await rt.deps();
        switch (verb ?? 'show') {
          case 'show': {
            const drafts = await ws.actionDrafts(deps, id);
            if (rt.output.json) return rt.output.out(toJson({ drafts }));
            if (drafts.length === 0) return rt.output.out('no draft: mark root causes in the 5 whys, accept factors or add fishbone causes first');
            rt.output.out(table(drafts.map((d, i) => ({ '#': i + 1, type: d.type, horizon: d.horizon, from: d.source, action: d.description })), ['#', 'type', 'horizon', 'from', 'action'], { maxWidth: 100 }));
            return rt.output.out(`\nadopt with: pfa rca actions ${id} adopt N… [--owner NAME] [--due DATE]`);
          }
          case 'adopt':
            need(args, 1, `pfa rca actions ${id} adopt N…`);
            return done(rt, await ws.adoptDrafts(deps, rt.ctx, id, numbers(args, 'draft'), { ...(o.owner ? { owner: o.owner } : {}), ...(o.due ? { due: o.due } : {}) }, o.version), 'adopted');
          default:
            throw new InputError(`unknown verb "${verb}": expected show or adopt`);
        }
      }),
    );

  withVersion(program.command('curate <id> [verb] [args...]'))
    .description('the curated timeline: show (default) | add --at T --event TEXT | pin E… | unpin E… | annotate E TEXT | mark E MARKER | unmark E | link E LINK… | remove E')
    .option('--at <time>', 'add: when (RFC 3339)')
    .option('--event <text>', 'add: what happened')
    .option('--marker <marker>', 'add: first_indication, detection, diagnosis, fix, verification or recovery')
    .option('--pin', 'add: pin it as a key event')
    .option('--annotation <text>', 'add: a note')
    .option('--evidence <link>', 'add: evidence link (repeatable)', collect)
    .option('--key', 'show: only the key events (pinned and marked, or all when none is pinned)')
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions) => {
        const deps = await rt.deps();
        const v = o.version;
        switch (verb ?? 'show') {
          case 'show': {
            const inc = await getIncident(deps, id);
            const entries = o.key ? keyEntries(inc.timeline ?? []) : (inc.timeline ?? []);
            if (rt.output.json) return rt.output.out(toJson({ timeline: entries }));
            if (entries.length === 0) return rt.output.out(`${id} has no timeline yet: pfa timeline ${id} --save, or pfa curate ${id} add --at T --event TEXT`);
            return rt.output.out(
              table(
                entries.map((e) => ({ id: e.id ?? '', time: e.at, pin: e.pinned ? '*' : '', marker: e.marker ?? '', event: `${e.event}${e.annotation ? ` — ${e.annotation}` : ''}` })),
                ['id', 'time', 'pin', 'marker', 'event'],
                { maxWidth: 100 },
              ),
            );
          }
          case 'add':
            if (!o.at || !o.event) throw new InputError(`usage: pfa curate ${id} add --at TIME --event TEXT [--marker M] [--pin] [--annotation TEXT] [--evidence LINK]`);
            return done(
              rt,
              await ws.addTimelineEntry(deps, rt.ctx, id, {
                at: o.at,
                event: o.event,
                ...(o.marker ? { marker: parseMarker(o.marker) } : {}),
                ...(o.pin ? { pinned: true } : {}),
                ...(o.annotation ? { annotation: o.annotation } : {}),
                ...(o.evidence ? { evidence: o.evidence } : {}),
              }, v),
              'added',
            );
          case 'pin':
          case 'unpin':
            need(args, 1, `pfa curate ${id} ${verb} ENTRY…`);
            return done(rt, await ws.editTimelineEntries(deps, rt.ctx, id, args, { pinned: verb === 'pin' }, v), `${verb}ned ${args.join(', ')}`);
          case 'annotate':
            need(args, 2, `pfa curate ${id} annotate ENTRY TEXT`);
            return done(rt, await ws.editTimelineEntries(deps, rt.ctx, id, [args[0] as string], { annotation: args.slice(1).join(' ') }, v), `annotated ${args[0]}`);
          case 'mark':
            need(args, 2, `pfa curate ${id} mark ENTRY MARKER`);
            return done(rt, await ws.editTimelineEntries(deps, rt.ctx, id, [args[0] as string], { marker: parseMarker(args[1] as string) }, v), `marked ${args[0]} as ${args[1]}`);
          case 'unmark':
            need(args, 1, `pfa curate ${id} unmark ENTRY`);
            return done(rt, await ws.editTimelineEntries(deps, rt.ctx, id, [args[0] as string], { marker: null }, v), `unmarked ${args[0]}`);
          case 'link':
            need(args, 2, `pfa curate ${id} link ENTRY LINK…`);
            return done(rt, await ws.editTimelineEntries(deps, rt.ctx, id, [args[0] as string], { evidence: args.slice(1) }, v), `linked ${args[0]}`);
          case 'remove':
            need(args, 1, `pfa curate ${id} remove ENTRY`);
            return done(rt, await ws.removeTimelineEntry(deps, rt.ctx, id, args[0] as string, v), `removed ${args[0]}`);
          default:
            throw new InputError(`unknown verb "${verb}": expected show, add, pin, unpin, annotate, mark, unmark, link or remove`);
        }
      }),
    );
}
