/**
 * `pfa postmortem ID [--format md|html|pdf] [-o FILE]` renders the post-mortem; the verbs after the
 * id take the review steps (submit, approve, request-changes, publish, reopen) and read the review
 * (status, versions, show N, diff A [B]) and the blameless check (check).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { usageError, verbSpec, type VerbSpec } from './cli-args.js';
import { table, toJson } from '../cli/output.js';
import { action, type Runtime } from '../cli/runtime.js';
import { getIncident } from '../incidents/service.js';
import { InputError } from '../shared/errors.js';
import { renderDocument, FORMATS, type Format } from './output.js';
import { getReview, publishedVersion, publishedVersions, reviewStep, versionDiff } from './review/service.js';
import { checkBlameless } from './engines/index.js';
import { postmortemInput } from './document.js';
import type { ReviewEvent, ReviewInfo } from './types.js';

interface PostmortemOptions {
  format: string;
  output?: string;
  comment?: string;
  version?: number;
}

const STEPS: Record<string, ReviewEvent['action']> = {
  submit: 'submitted',
  approve: 'approved',
  'request-changes': 'changes_requested',
  publish: 'published',
  reopen: 'reopened',
};

function printReview(rt: Runtime, id: string, r: ReviewInfo): void {
  if (rt.output.json) return rt.output.out(toJson(r));
  rt.output.out(`${id}: post-mortem ${r.state.replace('_', ' ')}${r.published_version ? ` (published version ${r.published_version})` : ''}`);
  if (r.note) rt.output.out(`note: ${r.note}`);
  if (r.events.length) {
    rt.output.out(table(r.events.map((e) => ({ when: e.at, step: e.action.replace('_', ' '), by: e.actor, role: e.role, version: e.incident_version, comment: e.comment ?? '' })), ['when', 'step', 'by', 'role', 'version', 'comment'], { maxWidth: 80 }));
  }
}

const REVIEW_SPEC = (id: string, verb: string): VerbSpec => ({ args: [0, 0], options: ['comment', 'version'], usage: `pfa postmortem ${id} ${verb} [--comment TEXT] [--version N]` });

const postmortemVerbs = (id: string): Record<string, VerbSpec> => ({
  render: { args: [0, 0], options: ['format', 'output'], usage: `pfa postmortem ${id} [--format ${FORMATS.join('|')}] [-o FILE]` },
  ...Object.fromEntries(Object.keys(STEPS).map((verb) => [verb, REVIEW_SPEC(id, verb)])),
  status: { args: [0, 0], usage: `pfa postmortem ${id} status` },
  versions: { args: [0, 0], usage: `pfa postmortem ${id} versions` },
  show: { args: [1, 1], options: ['output'], usage: `pfa postmortem ${id} show N [-o FILE]` },
  diff: { args: [1, 2], usage: `pfa postmortem ${id} diff FROM [TO]` },
  check: { args: [0, 0], usage: `pfa postmortem ${id} check` },
});

export function registerPostmortemCommands(program: Command): void {
  program
    .command('postmortem <id> [verb] [args...]')
    .description('the post-mortem document (default: render) and its review: submit | approve | request-changes | publish | reopen | status | versions | show N | diff A [B] | check')
    .option('--format <format>', `render: ${FORMATS.join(', ')}`, 'md')
    .option('-o, --output <file>', 'render/show: write to this file (required for pdf)')
    .option('--comment <text>', 'review steps: a comment recorded with the step')
    .option('--version <n>', 'review steps: the incident version you reviewed (refused if it changed since)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InputError('--version must be a positive integer');
      return n;
    })
    .action(
      action(async (rt, id: string, verb: string | undefined, args: string[], o: PostmortemOptions, cmd: Command) => {
        const spec = verbSpec(cmd, postmortemVerbs(id), verb ?? 'render', args);
        const deps = await rt.deps();
        const step = verb ? STEPS[verb] : undefined;
        if (step) {
          const r = await reviewStep(deps, rt.ctx, id, step, {
            ...(o.comment ? { comment: o.comment } : {}),
            ...(o.version ? { version: o.version } : {}),
            render: async (inc, tx) => (await renderDocument(await postmortemInput(tx, inc), 'md')).toString('utf8'),
          });
          printReview(rt, id, r);
          // The blameless check warns at the moment the draft goes to reviewers; it never blocks.
          if (step === 'submitted') for (const b of checkBlameless(await getIncident(deps, id))) rt.output.err(`blameless check: ${b.path}: "${b.phrase}" — ${b.suggestion}`);
          return;
        }
        switch (verb ?? 'render') {
          case 'render': {
            if (!(FORMATS as readonly string[]).includes(o.format)) throw new InputError(`unknown --format "${o.format}": expected ${FORMATS.join(', ')}`);
            const format = o.format as Format;
            if (format === 'pdf' && !o.output) throw new InputError('a PDF goes to a file: add -o FILE');
            const input = await postmortemInput(deps, await getIncident(deps, id));
            const doc = await renderDocument(input, format);
            for (const b of input.blame) rt.output.err(`blameless check: ${b.path}: "${b.phrase}" — ${b.suggestion}`);
            if (o.output) {
              writeFileSync(o.output, doc);
              if (rt.output.json) rt.output.out(toJson({ id, format, output: o.output, bytes: doc.length }));
              else rt.output.err(`wrote ${o.output} (${doc.length} bytes)`);
              // --json asks for machine-readable output: the document goes inside it rather than --json being ignored.
            } else if (rt.output.json) rt.output.out(toJson({ id, format, document: doc.toString('utf8') }));
            else process.stdout.write(doc);
            return;
          }
          case 'status':
            return printReview(rt, id, await getReview(deps, id));
          case 'versions': {
            const vs = await publishedVersions(deps, id);
            if (rt.output.json) return rt.output.out(toJson({ versions: vs }));
            return rt.output.out(vs.length ? table(vs.map((v) => ({ version: v.number, published: v.published_at, by: v.published_by, incident_version: v.incident_version })), ['version', 'published', 'by', 'incident_version']) : `${id} has no published post-mortem yet`);
          }
          case 'show': {
            const n = Number(args[0]);
            if (!Number.isInteger(n) || n < 1) return usageError(cmd, `a published version is a number from 1, not "${args[0]}" (usage: ${spec.usage})`);
            const v = await publishedVersion(deps, id, n);
            if (o.output) writeFileSync(o.output, v.markdown);
            else process.stdout.write(v.markdown);
            return;
          }
          case 'diff': {
            const from = Number(args[0]);
            const to = args[1] === undefined ? 'current' : Number(args[1]);
            if (!Number.isInteger(from) || (to !== 'current' && !Number.isInteger(to))) return usageError(cmd, `usage: ${spec.usage} (published version numbers; no TO compares with the current record)`);
            const changes = await versionDiff(deps, id, from, to);
            if (rt.output.json) return rt.output.out(toJson({ from, to, changes }));
            if (changes.length === 0) return rt.output.out('no change');
            for (const c of changes) rt.output.out(`${c.path}:\n  - ${JSON.stringify(c.from)}\n  + ${JSON.stringify(c.to)}`);
            return;
          }
          case 'check': {
            const findings = checkBlameless(await getIncident(deps, id));
            if (rt.output.json) return rt.output.out(toJson({ findings }));
            if (findings.length === 0) return rt.output.out('no blaming language found');
            for (const f of findings) rt.output.out(`${f.path}: "${f.phrase}" (${f.rule})\n  ${f.excerpt}\n  suggestion: ${f.suggestion}`);
            return;
          }
          default:
            return; // verbSpec refused any other verb
        }
      }),
    );
}
