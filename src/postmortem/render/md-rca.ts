/** Root-cause analysis: what happened, the 5 whys (chain or tree), root cause, factors, fishbone and the rest. */
import { choices, type ContributingFactor, type WhyStep } from '../../incidents/schema/index.js';
import { FISHBONE_SLOT, type DocContext } from './context.js';
import { fishboneGroups, fishboneOf } from './fishbone-model.js';
import { evidenceCell, evidenceSuffix } from './md-evidence.js';
import { cell, choiceLabel } from './md-values.js';
import { escapeCell, escapeInline, type ListNode, type MdDoc } from './md-writer.js';
import { rootCauseSteps, whyForest, type WhyNode } from './whys.js';

const ROOT_CAUSE = ' — **ROOT CAUSE**';

function whyText(ctx: DocContext, w: WhyStep): string {
  const id = w.id ? `**${escapeInline(w.id)}** ` : '';
  const answer = w.answer ? `<br>→ ${escapeCell(w.answer)}` : '';
  return `${id}${escapeCell(w.question)}${answer}${w.root_cause ? ROOT_CAUSE : ''}${evidenceSuffix(ctx, w.evidence)}`;
}

function writeWhys(doc: MdDoc, ctx: DocContext, steps: readonly WhyStep[]): void {
  const forest = whyForest(steps);
  if (forest.chain) {
    doc.list(forest.roots.map((n) => whyText(ctx, n.step)), true);
    return;
  }
  const toList = (n: WhyNode): ListNode => ({ text: whyText(ctx, n.step), children: n.children.map(toList) });
  doc.tree(forest.roots.map(toList));
}

const formatScore = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3, useGrouping: false });

function factorText(ctx: DocContext, f: ContributingFactor): string {
  const id = f.id ? `**${escapeInline(f.id)}** ` : '';
  const meta = [
    f.kind ? `Kind: ${escapeCell(choiceLabel(choices.factorKind, f.kind))}` : '',
    f.score !== undefined ? `Score: ${formatScore(f.score)}` : '',
    f.category ? `Category: ${escapeCell(f.category)}` : '',
  ].filter((s) => s !== '');
  return `${id}${escapeCell(f.description)}${f.details ? ` — ${escapeCell(f.details)}` : ''}${meta.length ? `<br>${meta.join(' · ')}` : ''}${evidenceSuffix(ctx, f.evidence)}`;
}

function writeFactors(doc: MdDoc, ctx: DocContext, factors: readonly ContributingFactor[]): void {
  // A rejected suggestion is kept in the record only so that it is not proposed again: it is not a factor.
  const accepted = factors.filter((f) => f.status !== 'rejected');
  const rejected = factors.filter((f) => f.status === 'rejected');
  doc.list(accepted.map((f) => factorText(ctx, f)));
  if (rejected.length === 0) return;
  if (ctx.mode === 'record') doc.para(`_Rejected suggestions (not factors): ${rejected.map((f) => escapeCell(f.description)).join('; ')}._`);
  else doc.para(`_${rejected.length} rejected ${rejected.length === 1 ? 'suggestion is' : 'suggestions are'} not shown._`);
}

function writeFishbone(doc: MdDoc, ctx: DocContext): void {
  const fb = fishboneOf({ incident: ctx.inc, categories: ctx.categories });
  const groups = fishboneGroups(fb.categories, fb.causes);
  const html = ctx.target === 'html';
  // Markdown has no drawing: a record with no causes has nothing to show; HTML still draws the empty skeleton.
  if (fb.causes.length === 0 && !html) return;
  // In HTML the figure (diagram and effect caption) takes the slot's place.
  if (html) doc.para(FISHBONE_SLOT);
  else doc.para(`**Effect:** ${escapeCell(fb.effect)}`);
  const rows = groups.flatMap((g) =>
    g.causes.length === 0
      ? [[escapeCell(g.category), '_none recorded_', '', '']]
      : g.causes.map((c) => [escapeCell(g.category), `${c.id ? `**${escapeInline(c.id)}** ` : ''}${escapeCell(c.cause)}`, cell(c.factor) ?? '', evidenceCell(ctx, c.evidence) ?? '']),
  );
  if (fb.causes.length === 0) doc.para('_No causes recorded._');
  else doc.table(['Category', 'Cause', 'Factor', 'Evidence'], rows);
}

export function writeRootCause(doc: MdDoc, ctx: DocContext): void {
  const a = ctx.inc.analysis;
  doc.section(2, 'Root Cause Analysis', () => {
    doc.section(3, 'What Happened', () => doc.text(a?.what_happened));
    doc.section(3, 'Why It Happened (5 Whys)', () => writeWhys(doc, ctx, a?.five_whys ?? []));
    doc.section(3, 'Root Cause', () => {
      doc.text(a?.root_cause);
      const marked = rootCauseSteps(a?.five_whys ?? []);
      if (marked.length) {
        doc.para('Marked as root cause in the 5 whys:');
        doc.list(marked.map((w) => `${w.id ? `**${escapeInline(w.id)}** ` : ''}${escapeCell(w.answer ?? w.question)}`));
      }
    });
    doc.section(3, 'Technical Explanation', () => doc.text(a?.technical_explanation));
    doc.section(3, 'Contributing Factors', () => writeFactors(doc, ctx, a?.contributing_factors ?? []));
    doc.section(3, 'Fishbone Diagram', () => writeFishbone(doc, ctx));
    doc.section(3, 'Investigation Methodology', () => doc.list((a?.methodology ?? []).map((m) => escapeCell(choiceLabel(choices.methodology, m)))));
    doc.section(3, 'Code and Configuration Issues', () =>
      doc.kv([
        ['Problematic code location', cell(a?.code_issues?.code_location)],
        ['Configuration error', cell(a?.code_issues?.configuration_error)],
        ['Resource limitation', cell(a?.code_issues?.resource_limitation)],
      ]),
    );
    doc.section(3, 'Why It Was Not Caught Earlier', () => {
      doc.list((a?.why_not_caught ?? []).map((m) => escapeCell(choiceLabel(choices.notCaughtReason, m))));
      doc.text(a?.why_not_caught_explanation);
    });
  });
}
