/** `pfa evidence add|list`: attach log, metric, FIX and alert files (or URLs) to an incident. */
import type { Command } from 'commander';
import { table, toJson } from '../cli/output.js';
import { action } from '../cli/runtime.js';
import { addEvidence, evidenceList } from './service.js';
import { describeFile, readHead } from './files.js';
import { sniffSource } from './timeline/sniff.js';
import { basename } from 'node:path';

export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description('evidence attached to incidents');
  evidence
    .command('add <id> <sources...>')
    .description('attach files (by reference with size and SHA-256; stored when under 1 MiB) or URLs to an incident')
    .action(
      action(async (rt, id: string, sources: string[]) => {
        const deps = await rt.deps();
        const added = [];
        for (const src of sources) {
          if (/^https?:\/\//i.test(src)) {
            added.push(await addEvidence(deps, rt.ctx, { id: `url-${Date.now()}-${added.length}`, kind: 'url', name: src, incidentId: id, metadata: { url: src } }));
            continue;
          }
          const f = await describeFile(src);
          const head = f.content ?? (await readHead(f.path));
          const sourceKind = sniffSource(f.path, head);
          added.push(
            await addEvidence(deps, rt.ctx, {
              id: `file-${f.sha256.slice(0, 12)}-${id}`,
              kind: 'file',
              name: basename(f.path),
              incidentId: id,
              size: f.size,
              sha256: f.sha256,
              ...(f.content !== undefined ? { content: f.content } : {}),
              metadata: { path: f.path, source_kind: sourceKind, stored: f.content !== undefined },
            }),
          );
        }
        if (rt.output.json) rt.output.out(toJson({ added: added.map(({ content: _c, ...e }) => e) }));
        else for (const e of added) rt.output.out(`${e.id}: ${e.name} (${e.kind}${e.size !== null ? `, ${e.size} bytes` : ''}${e.metadata.stored ? ', stored' : e.kind === 'file' ? ', by reference' : ''})`);
      }),
    );
  evidence
    .command('list <id>')
    .description('evidence attached to an incident')
    .action(
      action(async (rt, id: string) => {
        const items = (await evidenceList(await rt.deps(), { incidentId: id })).map(({ content: _c, ...e }) => e);
        if (rt.output.json) return rt.output.out(toJson({ evidence: items }));
        rt.output.out(items.length ? table(items.map((e) => ({ id: e.id, kind: e.kind, name: e.name, size: e.size, sha256: e.sha256?.slice(0, 12) ?? '', added: e.created_at })), ['id', 'kind', 'name', 'size', 'sha256', 'added']) : 'no evidence');
      }),
    );
}
