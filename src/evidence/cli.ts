/** `pfa evidence add|list|show`: attach log, metric, FIX and alert files (or URLs) to an incident, and read them back. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { table, toJson } from '../cli/output.js';
import { action } from '../cli/runtime.js';
import { InputError } from '../shared/errors.js';
import { fileEvidence, isUrlSource, urlEvidence } from './prepare.js';
import { addEvidenceOnce, getEvidence, incidentEvidence, storedContent, withoutContent, type NewEvidence } from './service.js';
import { expandSources } from './timeline/sources.js';

export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description('evidence attached to incidents');
  evidence
    .command('add <id> <sources...>')
    .description('attach files (a directory: the files in it; by reference with size and SHA-256, stored when under 1 MiB) or URLs to an incident')
    .action(
      action(async (rt, id: string, sources: string[]) => {
        const deps = await rt.deps();
        // Every source is read and checked before anything is attached: a typo in the third path
        // must not leave the first two attached behind an error message.
        const prepared: NewEvidence[] = [];
        for (const src of sources) {
          if (isUrlSource(src)) {
            prepared.push(urlEvidence(id, src));
            continue;
          }
          // A directory stands for the files in it, as `pfa timeline` reads it.
          const files = await expandSources([src]);
          if (files.length === 0) throw new InputError(`${src} holds no files to attach`);
          for (const file of files) prepared.push(await fileEvidence(id, file));
        }
        const results = [];
        for (const e of prepared) results.push(await addEvidenceOnce(deps, rt.ctx, e));
        if (rt.output.json) {
          rt.output.out(toJson({ added: results.filter((r) => r.created).map((r) => withoutContent(r.evidence)), existing: results.filter((r) => !r.created).map((r) => withoutContent(r.evidence)) }));
          return;
        }
        for (const { evidence: e, created } of results) {
          const how = e.metadata.stored ? ', stored' : e.kind === 'file' ? ', by reference' : '';
          rt.output.out(`${e.id}: ${e.name} (${e.kind}${e.size !== null ? `, ${e.size} bytes` : ''}${how})${created ? '' : ' already attached'}`);
        }
      }),
    );
  evidence
    .command('list <id>')
    .description('evidence attached to an incident')
    .action(
      action(async (rt, id: string) => {
        // Every piece (not a first page), and an unknown incident is an error, not "no evidence".
        const items = await incidentEvidence(await rt.deps(), id, { limit: 10_000 });
        if (rt.output.json) return rt.output.out(toJson({ evidence: items }));
        rt.output.out(items.length ? table(items.map((e) => ({ id: e.id, kind: e.kind, name: e.name, size: e.size, sha256: e.sha256?.slice(0, 12) ?? '', added: e.created_at })), ['id', 'kind', 'name', 'size', 'sha256', 'added']) : 'no evidence');
      }),
    );
  evidence
    .command('remove <id> <evidence-ids...>')
    .description('remove evidence from an incident, all or none: its stored bytes go, the audit log keeps its name and checksum; refused while the record cites it, unless --force')
    .option('--force', 'remove even when cited: the links stay and show the evidence as not attached')
    .action(
      action(async (rt, id: string, ids: string[], o: { force?: boolean }) => {
        const { removeEvidence } = await import('./remove.js');
        const r = await removeEvidence(await rt.deps(), rt.ctx, id, ids, { force: o.force === true });
        for (const n of r.notes) rt.output.err(`note: ${n}`);
        if (rt.output.json) return rt.output.out(toJson(r));
        rt.output.out(`removed ${r.removed.join(', ')} from ${id}`);
      }),
    );
  evidence
    .command('show <evidence-id>')
    .description('one piece of evidence: what it is, where it lives, its checksum; with --content its stored bytes (a log since deleted or edited, as attached)')
    .option('--content', 'write the stored content (exactly the bytes attached) instead of the description')
    .option('-o, --output <file>', 'with --content: write to a file instead of stdout')
    .action(
      action(async (rt, id: string, o: { content?: boolean; output?: string }) => {
        const e = await getEvidence(await rt.deps(), id);
        if (!o.content) {
          if (o.output) throw new InputError('--output goes with --content');
          if (rt.output.json) return rt.output.out(toJson(withoutContent(e)));
          const where = typeof e.metadata.path === 'string' ? e.metadata.path : typeof e.metadata.url === 'string' ? e.metadata.url : '';
          const rows: [string, string][] = [['id', e.id], ['incident', e.incident_id ?? ''], ['kind', e.kind], ['name', e.name], ['where', where], ['size', e.size === null ? '' : `${e.size} bytes`], ['sha256', e.sha256 ?? ''], ['stored', e.content === null ? 'no (kept by reference)' : 'yes'], ['added', `${e.created_at} by ${e.created_by}`]];
          return rt.output.out(rows.filter(([, v]) => v !== '').map(([k, v]) => `${k.padEnd(9)}${v}`).join('\n'));
        }
        const bytes = storedContent(e);
        if (o.output) {
          writeFileSync(o.output, bytes);
          if (rt.output.json) rt.output.out(toJson({ id: e.id, output: o.output, bytes: bytes.length }));
        } else process.stdout.write(bytes);
      }),
    );
}
