/** Plain-text views of the workspace for the terminal. */
import type { WhyStep } from '../../incidents/schema/index.js';
import type { ResolvedLink } from '../types.js';

/**
 * The why tree, indented by depth, each step's evidence with the line it points at.
 * @example whyTreeText(steps, links) // 'W1 Why did the engine stop?\n   → It was OOM-killed.\n…'
 */
export function whyTreeText(steps: readonly WhyStep[], links: Record<string, ResolvedLink>): string {
  const children = new Map<string | undefined, WhyStep[]>();
  const ids = new Set(steps.map((s) => s.id));
  for (const s of steps) {
    const p = s.parent && ids.has(s.parent) ? s.parent : undefined;
    children.set(p, [...(children.get(p) ?? []), s]);
  }
  const out: string[] = [];
  const seen = new Set<string | undefined>();
  const walk = (s: WhyStep, depth: number) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    const pad = '   '.repeat(depth);
    out.push(`${pad}${s.id ?? '-'} ${s.question.replace(/\n/g, ' ')}${s.root_cause ? '  [ROOT CAUSE]' : ''}`);
    if (s.answer) out.push(`${pad}   → ${s.answer.replace(/\n/g, ' ')}`);
    for (const l of s.evidence ?? []) {
      const r = links[l];
      out.push(`${pad}     ⟶ ${r?.label ?? l}${r?.excerpt ? `: ${r.excerpt}` : ''}${r?.error ? ` (${r.error})` : ''}`);
    }
    for (const c of children.get(s.id) ?? []) walk(c, depth + 1);
  };
  for (const r of children.get(undefined) ?? []) walk(r, 0);
  return out.join('\n');
}
