/** `pfa rca whys ID [VERB …]` and `pfa rca fishbone ID [VERB …]`: the why tree and the fishbone from the command line. */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { action } from '../../cli/runtime.js';
import { toJson } from '../../cli/output.js';
import { getIncident } from '../../incidents/service.js';
import type { WhyStep } from '../../incidents/schema/index.js';
import { usageError, verbSpec, type VerbSpec } from '../cli-args.js';
import { fishboneSvgFor } from '../document.js';
import { done, evidenceOption, withVersion, type WorkspaceOptions } from './cli-kit.js';
import { resolveLinks } from './links.js';
import { whyTreeText } from './present.js';
import * as ws from './service.js';

function whyInput(o: WorkspaceOptions) {
  return {
    ...(o.question !== undefined ? { question: o.question } : {}),
    ...(o.answer !== undefined ? { answer: o.answer } : {}),
    ...(o.first ? { parent: null } : o.parent !== undefined ? { parent: o.parent } : {}),
    ...(o.rootCause ? { root_cause: true } : o.notRootCause ? { root_cause: false } : {}),
    ...(o.evidence?.length ? { evidence: o.evidence } : {}),
  };
}

const WHY_EDIT = ['question', 'answer', 'parent', 'first', 'rootCause', 'evidence', 'version'];

const whyVerbs = (id: string): Record<string, VerbSpec> => ({
  show: { args: [0, 0], usage: `pfa rca whys ${id}` },
  add: { args: [0, 0], options: WHY_EDIT, usage: `pfa rca whys ${id} add --question TEXT [--answer TEXT] [--parent STEP|--first] [--root-cause] [--evidence LINK]…` },
  edit: { args: [1, 1], options: [...WHY_EDIT, 'notRootCause'], usage: `pfa rca whys ${id} edit STEP [--question …] [--answer …] [--parent STEP|--first] [--root-cause|--not-root-cause] [--evidence LINK]…` },
  link: { args: [2, Infinity], options: ['version'], usage: `pfa rca whys ${id} link STEP LINK…` },
  unlink: { args: [2, Infinity], options: ['version'], usage: `pfa rca whys ${id} unlink STEP LINK…` },
  remove: { args: [1, 1], options: ['cascade', 'version'], usage: `pfa rca whys ${id} remove STEP [--cascade]` },
});

const fishboneVerbs = (id: string): Record<string, VerbSpec> => ({
  show: { args: [0, 0], options: ['svg'], usage: `pfa rca fishbone ${id} [--svg FILE]` },
  add: { args: [0, 0], options: ['category', 'cause', 'factor', 'evidence', 'newCategory', 'version'], usage: `pfa rca fishbone ${id} add --category NAME --cause TEXT [--factor F1] [--evidence LINK]… [--new-category]` },
  remove: { args: [1, 1], options: ['version'], usage: `pfa rca fishbone ${id} remove CAUSE` },
  categories: { args: [1, Infinity], options: ['version'], usage: `pfa rca fishbone ${id} categories NAME…` },
});

export function registerRcaTreeCommands(rca: Command): void {
  withVersion(rca.command('whys <id> [verb] [args...]'))
    .description('the 5-whys tree: show (default) | add | edit STEP | link STEP LINK… | unlink STEP LINK… | remove STEP')
    .option('--question <text>', 'add/edit: the why question')
    .option('--answer <text>', 'add/edit: its answer')
    .option('--parent <step>', 'add/edit: the step this one asks why about (default for add: the last step)')
    .addOption(new Option('--first', 'add/edit: a first why (a new branch of the tree)').conflicts('parent'))
    .addOption(new Option('--root-cause', 'add/edit: mark the answer as a root cause').conflicts('notRootCause'))
    .option('--not-root-cause', 'edit: clear the root-cause mark')
    .option('--evidence <link>', 'add/edit: evidence link KIND:TARGET[#REF], e.g. log:<evidence id>#line 42 (repeatable)', evidenceOption)
    .option('--cascade', 'remove: also remove the steps that follow from it')
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions, cmd: Command) => {
        const v = verb ?? 'show';
        verbSpec(cmd, whyVerbs(id), v, args);
        const deps = await rt.deps();
        const step = args[0] as string;
        switch (v) {
          case 'show': {
            const inc = await getIncident(deps, id);
            const steps = ws.whySteps(inc);
            const links = await resolveLinks(deps, inc, [...new Set(steps.flatMap((s: WhyStep) => s.evidence ?? []))]);
            if (rt.output.json) return rt.output.out(toJson({ steps, links }));
            return rt.output.out(steps.length ? whyTreeText(steps, links) : `${id} has no 5-whys steps yet: pfa rca whys ${id} add --question "Why …?" --answer "…"`);
          }
          case 'add': {
            const r = await ws.addWhyStep(deps, rt.ctx, id, whyInput(o), o.version);
            return done(rt, r, `added ${r.result}`);
          }
          case 'edit':
            return done(rt, await ws.editWhyStep(deps, rt.ctx, id, step, whyInput(o), o.version), `edited ${step}`);
          case 'link':
            return done(rt, await ws.editWhyStep(deps, rt.ctx, id, step, { evidence: args.slice(1) }, o.version), `linked ${step}`);
          case 'unlink':
            return done(rt, await ws.unlinkWhyStep(deps, rt.ctx, id, step, args.slice(1), o.version), `unlinked from ${step}`);
          default:
            return done(rt, await ws.removeWhyStep(deps, rt.ctx, id, step, { cascade: Boolean(o.cascade) }, o.version), `removed ${step}`);
        }
      }),
    );

  withVersion(rca.command('fishbone <id> [verb] [args...]'))
    .description('the fishbone: show (default) | add --category C --cause TEXT | remove CAUSE | categories NAME…; --svg FILE draws it')
    .option('--category <name>', 'add: the category')
    .option('--cause <text>', 'add: the cause')
    .option('--factor <id>', 'add: the contributing factor (F…) it stands for')
    .option('--evidence <link>', 'add: evidence link (repeatable)', evidenceOption)
    .option('--new-category', 'add: allow a category outside the current set')
    .option('--svg <file>', 'show: also write the diagram as SVG')
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions, cmd: Command) => {
        const v = verb ?? 'show';
        const spec = verbSpec(cmd, fishboneVerbs(id), v, args);
        const deps = await rt.deps();
        switch (v) {
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
          case 'add': {
            if (!o.category || !o.cause) return usageError(cmd, `usage: ${spec.usage}`);
            const input = { category: o.category, cause: o.cause, ...(o.factor ? { factor: o.factor } : {}), ...(o.evidence ? { evidence: o.evidence } : {}), newCategory: Boolean(o.newCategory) };
            const r = await ws.addFishboneCause(deps, rt.ctx, id, input, o.version);
            return done(rt, r, `added ${r.result}`);
          }
          case 'remove':
            return done(rt, await ws.removeFishboneCause(deps, rt.ctx, id, args[0] as string, o.version), `removed ${args[0]}`);
          default:
            return done(rt, await ws.setFishboneCategories(deps, rt.ctx, id, args, o.version), 'categories set');
        }
      }),
    );
}
