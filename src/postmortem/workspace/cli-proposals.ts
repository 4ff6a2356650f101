/**
 * `pfa rca factors ID [VERB …]` and `pfa rca actions ID [VERB …]`: contributing factors with the
 * engines' suggestions, and corrective-action drafts, each named by a stable id (S…, D…).
 */
import type { Command } from 'commander';
import { table, toJson } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { usageError, verbSpec, type VerbSpec } from '../cli-args.js';
import { done, evidenceOption, listed, withVersion, type WorkspaceOptions } from './cli-kit.js';
import * as ws from './service.js';

const factorVerbs = (id: string): Record<string, VerbSpec> => ({
  show: { args: [0, 0], usage: `pfa rca factors ${id}` },
  accept: { args: [1, Infinity], options: ['category', 'version'], usage: `pfa rca factors ${id} accept S… [--category NAME]` },
  reject: { args: [1, Infinity], options: ['version'], usage: `pfa rca factors ${id} reject S…` },
  add: { args: [0, 0], options: ['description', 'details', 'category', 'evidence', 'version'], usage: `pfa rca factors ${id} add --description TEXT [--details …] [--category …] [--evidence LINK]…` },
  set: { args: [2, Infinity], options: ['version'], usage: `pfa rca factors ${id} set F… accepted|rejected` },
});

const actionVerbs = (id: string): Record<string, VerbSpec> => ({
  show: { args: [0, 0], usage: `pfa rca actions ${id}` },
  adopt: { args: [1, Infinity], options: ['owner', 'due', 'version'], usage: `pfa rca actions ${id} adopt D… [--owner NAME] [--due DATE]` },
});

export function registerProposalCommands(rca: Command): void {
  withVersion(rca.command('factors <id> [verb] [args...]'))
    .description('contributing factors: show (default: recorded ones, and open suggestions with their ids) | accept S… | reject S… | add --description TEXT | set F… accepted|rejected')
    .option('--description <text>', 'add: the factor')
    .option('--details <text>', 'add: details')
    .option('--category <name>', 'accept/add: its fishbone category')
    .option('--evidence <link>', 'add: evidence link (repeatable)', evidenceOption)
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions, cmd: Command) => {
        const v = verb ?? 'show';
        const spec = verbSpec(cmd, factorVerbs(id), v, args);
        const deps = await rt.deps();
        switch (v) {
          case 'show': {
            const b = await ws.factorBoard(deps, id);
            if (rt.output.json) return rt.output.out(toJson(b));
            rt.output.out(b.factors.length ? table(b.factors.map((f) => ({ id: f.id ?? '', status: f.status ?? 'accepted', kind: f.kind ?? '', factor: f.description })), ['id', 'status', 'kind', 'factor'], { maxWidth: 100 }) : 'no contributing factor recorded');
            if (b.open.length) {
              rt.output.out(`\nsuggestions (accept with: pfa rca factors ${id} accept S…; reject with: reject S…):`);
              rt.output.out(table(b.open.map((f) => ({ id: f.id, kind: f.kind, score: f.score === undefined ? '' : f.score.toFixed(2), suggestion: f.description })), ['id', 'kind', 'score', 'suggestion'], { maxWidth: 100 }));
            }
            if (b.covered.length) rt.output.err(`note: not suggested again, a recorded factor covers them: ${b.covered.map((c) => `${c.id} (${c.by})`).join(', ')}`);
            for (const n of b.notes) rt.output.err(`note: ${n}`);
            return;
          }
          case 'accept':
          case 'reject': {
            const r = await ws.decideSuggestions(deps, rt.ctx, id, v === 'accept' ? { accept: args } : { reject: args }, o.category ? { category: o.category } : {}, o.version);
            return done(rt, r, `${v}ed as ${listed(v === 'accept' ? r.result.accepted : r.result.rejected)}`);
          }
          case 'add': {
            if (!o.description) return usageError(cmd, `usage: ${spec.usage}`);
            const input = { description: o.description, ...(o.details ? { details: o.details } : {}), ...(o.category ? { category: o.category } : {}), ...(o.evidence ? { evidence: o.evidence } : {}) };
            const r = await ws.addManualFactor(deps, rt.ctx, id, input, o.version);
            return done(rt, r, `added ${r.result}`);
          }
          default: {
            const status = args[args.length - 1];
            if (status !== 'accepted' && status !== 'rejected') return usageError(cmd, `the last word is the status, accepted or rejected (usage: ${spec.usage})`);
            const factors = args.slice(0, -1);
            return done(rt, await ws.setFactor(deps, rt.ctx, id, factors, status, o.version), `${factors.join(', ')} ${status}`);
          }
        }
      }),
    );

  withVersion(rca.command('actions <id> [verb] [args...]'))
    .description('corrective-action drafts from root causes, factors and fishbone causes: show (default) | adopt D… (adds them to the corrective actions and the action tracker)')
    .option('--owner <name>', 'adopt: owner of the action items')
    .option('--due <date>', 'adopt: due date of the action items (2025-12-01, or an RFC 3339 timestamp)')
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: WorkspaceOptions, cmd: Command) => {
        const v = verb ?? 'show';
        verbSpec(cmd, actionVerbs(id), v, args);
        const deps = await rt.deps();
        if (v === 'show') {
          const drafts = await ws.actionDrafts(deps, id);
          if (rt.output.json) return rt.output.out(toJson({ drafts }));
          if (drafts.length === 0) return rt.output.out('no draft: mark root causes in the 5 whys, accept factors or add fishbone causes first');
          rt.output.out(table(drafts.map((d) => ({ id: d.id, type: d.type, horizon: d.horizon, from: d.source, action: d.description })), ['id', 'type', 'horizon', 'from', 'action'], { maxWidth: 100 }));
          return rt.output.out(`\nadopt with: pfa rca actions ${id} adopt D… [--owner NAME] [--due DATE]`);
        }
        const r = await ws.adoptDrafts(deps, rt.ctx, id, args, { ...(o.owner ? { owner: o.owner } : {}), ...(o.due !== undefined ? { due: o.due } : {}) }, o.version);
        return done(rt, r, `adopted as ${listed(r.result)}`);
      }),
    );
}
