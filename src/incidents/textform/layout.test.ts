import { describe, expect, it } from 'vitest';
import { schemaLeafPaths } from '../../test/full-incident.js';
import { incidentExportSchema } from '../schema/index.js';
import { COMPILED, EXTRA_SECTIONS, SEED_SECTIONS } from './layout.js';
import type { CellSpec, Item } from './spec.js';

/** Record paths a list of layout items writes, in schemaLeafPaths' notation. */
function specPaths(items: readonly Item[], prefix = ''): string[] {
  const at = (p: string) => (p === '_' ? prefix.replace(/\.$/, '') : `${prefix}${p}`);
  const cells = (cs: readonly CellSpec[]) => cs.flatMap((c) => [`${at(c.path)}${c.kind === 'list' ? '[]' : ''}`, ...(c.rest ? [at(c.rest)] : [])]);
  return items.flatMap((item): string[] => {
    switch (item.type) {
      case 'text':
        return [at(item.path)];
      case 'row':
        return cells(item.cells);
      case 'choice':
        return [`${at(item.path)}${item.multi ? '[]' : ''}`, ...(item.attach ? [at(item.attach.cell.path)] : [])];
      case 'group': {
        const inner = `${at(item.path)}[].`;
        const s = item.starter;
        const starter =
          s.type === 'item'
            ? specPaths([s.item], inner)
            : [s.path === '_' ? `${at(item.path)}[]` : `${inner}${s.path}`, ...(s.type === 'stamp' ? [`${inner}${s.cell.path}`] : []), ...(s.type === 'box' ? [`${inner}${s.box.path}`] : [])];
        return [...starter, ...specPaths(item.subs, inner), ...(item.heads ? [`${inner}${item.heads.path}`] : [])];
      }
      default:
        return [];
    }
  });
}

const norm = (label: string) => label.toLowerCase().replace(/\s+/g, ' ');

describe('text form layout', () => {
  it('gives every field of an export (the record and its removed timeline entries) exactly one place (besides store bookkeeping)', () => {
    const schema = schemaLeafPaths(incidentExportSchema).filter((p) => !['version', 'created_at', 'updated_at'].includes(p));
    const spec = COMPILED.flatMap((s) => specPaths(s.spec.items));
    // Two fields are also reachable a second way: a remark written after the amount joins the loss
    // notes, and a ticked action item box means "completed" when its Status line is left blank.
    const once = spec.filter((p, i) => spec.indexOf(p) === i);
    expect(spec.filter((p, i) => spec.indexOf(p) !== i).sort()).toEqual(['action_items[].status', 'impact.trading.financial_loss_notes']);
    expect([...once].sort()).toEqual([...schema].sort());
  });

  it('keeps labels unambiguous within each section', () => {
    for (const section of COMPILED) {
      const labels = [...section.labels.map((l) => l.label)];
      for (const g of section.groups.values()) {
        labels.push(...g.subs.map((l) => l.label));
        if (g.starterItem) labels.push(g.starterItem.label);
      }
      const seen = labels.map(norm);
      expect(seen.filter((l, i) => seen.indexOf(l) !== i), section.spec.title).toEqual([]);
    }
  });

  it('indents nothing under groups whose entries start with a labelled line', () => {
    // Such a starter is written at the left margin and so are its continuation lines.
    const groups = COMPILED.flatMap((s) => [...s.groups.values()]);
    expect(groups.filter((g) => g.spec.starter.type === 'item' && g.spec.indent !== 0).map((g) => g.spec.path)).toEqual([]);
  });

  it('lists the seed sections in the seed order, then the extra ones', () => {
    expect(SEED_SECTIONS.map((s) => s.title)).toEqual([
      'INCIDENT ENTRY TEMPLATE',
      'SYMPTOMS OBSERVED',
      'SYSTEM STATE INFORMATION',
      'FAILURE DETAILS',
      'ROOT CAUSE ANALYSIS',
      'IMPACT ASSESSMENT',
      'IMMEDIATE RESPONSE ACTIONS',
      'RESOLUTION AND FIX',
      'LESSONS LEARNED',
      'PREVENTION MEASURES',
      'RELATED INCIDENTS',
      'ACTION ITEMS',
      'SIGN-OFF',
      'APPENDIX',
    ]);
    expect(EXTRA_SECTIONS.map((s) => s.title)).toContain('POST-MORTEM SUMMARY');
  });
});
