/**
 * The fishbone (Ishikawa) diagram as a self-contained SVG: a spine to the effect at the head, one bone
 * per category (alternating above and below), each cause a labelled rib. Deterministic, no script, no
 * external reference; every string XML-escaped.
 */
import type { FishboneCause } from '../../incidents/schema/index.js';
import type { PostmortemInput } from '../types.js';
import { fishboneGroups, fishboneOf, type FishboneDiagram, type FishboneGroup } from './fishbone-model.js';
import { escapeXml, textEm, wrapText } from './svg-text.js';

const MARGIN = 20;
const COL_W = 300;
const CAUSE_FONT = 12;
const CAUSE_EM = 19; // ≈ 230 px per line
const CAUSE_LINES = 2;
const LINE_H = 14;
const RIB_PITCH = 36;
const RIB_OFFSET = 22;
const MIN_BONE = 80;
const CAT_FONT = 13;
const CAT_EM = 16;
const CAT_H = 26;
const HEAD_W = 210;
const HEAD_EM = 10.5; // bold text runs wider than the estimate
const HEAD_LINES = 6;
const MAX_SLANT = 80;
/** Widest rib: a full label line plus padding. */
const RIB_MAX = CAUSE_EM * CAUSE_FONT + 16 + 2 * LINE_H;
/** Room left of the first column for the labels of its ribs, which reach further left than the column. */
const LEFT = MARGIN + Math.max(0, RIB_MAX + MAX_SLANT + 30 - COL_W);

/** Numbers rounded to 0.1 px and printed without trailing zeros: the same input always gives the same bytes. */
const n = (v: number): string => String(Math.round(v * 10) / 10);

interface Bone {
  group: FishboneGroup;
  column: number;
  top: boolean;
}

function causeText(c: FishboneCause): string {
  return `${c.id ? `${c.id} ` : ''}${c.cause}`;
}

function causeTitle(c: FishboneCause): string {
  const extra = [c.factor ? `factor ${c.factor}` : '', ...(c.evidence ?? [])].filter((s) => s !== '');
  return `${causeText(c).replace(/\s+/g, ' ').trim()}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

/** Multi-line `<text>`; `anchor` end aligns right on x; the last line's baseline is at y. */
function textLines(lines: readonly string[], x: number, y: number, attrs: string): string {
  const first = y - (lines.length - 1) * LINE_H;
  const spans = lines.map((l, i) => `<tspan x="${n(x)}" y="${n(first + i * LINE_H)}">${escapeXml(l)}</tspan>`).join('');
  return `<text ${attrs}>${spans}</text>`;
}

function drawBone(b: Bone, geo: { spineY: number; left: number; len: number; slant: number }): string {
  const { spineY, left, len, slant } = geo;
  const dir = b.top ? -1 : 1;
  const attachX = left + (b.column + 1) * COL_W - 30;
  const endY = spineY + dir * len;
  const endX = attachX - slant;
  const boneX = (y: number) => attachX - slant * (Math.abs(y - spineY) / len);
  const parts: string[] = [`<line x1="${n(endX)}" y1="${n(endY)}" x2="${n(attachX)}" y2="${n(spineY)}" stroke="#1f3a5f" stroke-width="2.5"/>`];
  b.group.causes.forEach((c, k) => {
    const y = b.top ? endY + RIB_OFFSET + (k + 1) * RIB_PITCH - 6 : endY - RIB_OFFSET - k * RIB_PITCH - 6;
    const x = boneX(y);
    const w = wrapText(causeText(c), CAUSE_EM, CAUSE_LINES);
    const width = Math.max(...w.lines.map((l) => textEm(l))) * CAUSE_FONT + 10;
    // The label sits above its rib; right-align it left of where the slanted bone passes at the label's top too.
    const right = Math.min(x, boneX(y - w.lines.length * LINE_H - 4)) - 6;
    parts.push(
      `<g class="cause"><title>${escapeXml(causeTitle(c))}</title><line x1="${n(right - width)}" y1="${n(y)}" x2="${n(x)}" y2="${n(y)}" stroke="#6b7c93" stroke-width="1.2"/>${textLines(w.lines, right, y - 4, 'text-anchor="end" font-size="12" fill="#222"')}</g>`,
    );
  });
  const label = wrapText(b.group.category, CAT_EM, 1);
  const boxW = Math.max(60, (label.lines[0] ? textEm(label.lines[0]) : 0) * CAT_FONT + 20);
  parts.push(
    `<g class="category"><title>${escapeXml(b.group.category)}</title><rect x="${n(endX - boxW / 2)}" y="${n(endY - CAT_H / 2)}" width="${n(boxW)}" height="${CAT_H}" rx="4" fill="#dce6f2" stroke="#1f3a5f" stroke-width="1.2"/>${textLines(label.lines, endX, endY + 5, 'text-anchor="middle" font-size="13" font-weight="bold" fill="#10243e"')}</g>`,
  );
  return parts.join('');
}

/** The longest bone a half needs: room for every rib of its most crowded category. */
function boneLength(bones: readonly Bone[]): number {
  const most = Math.max(0, ...bones.map((b) => b.group.causes.length));
  return Math.max(MIN_BONE, RIB_OFFSET + most * RIB_PITCH + 16);
}

function isInput(src: PostmortemInput | FishboneDiagram): src is PostmortemInput {
  return 'incident' in src;
}

/**
 * Draws the fishbone of a post-mortem (its record's effect and causes, the input's categories) or of a
 * bare diagram. Long text is wrapped and cut, the full text kept in `<title>`.
 * @example renderFishboneSvg({ effect: 'Book down', categories: ['People', 'Process'], causes: [] }).startsWith('<svg')
 */
export function renderFishboneSvg(src: PostmortemInput | FishboneDiagram): string {
  const fb = isInput(src) ? fishboneOf(src) : src;
  const groups = fishboneGroups(fb.categories, fb.causes);
  const bones: Bone[] = groups.map((group, i) => ({ group, column: Math.floor(i / 2), top: i % 2 === 0 }));
  const columns = Math.max(1, Math.ceil(groups.length / 2));
  const topLen = boneLength(bones.filter((b) => b.top));
  const bottomLen = boneLength(bones.filter((b) => !b.top));
  const head = wrapText(fb.effect, HEAD_EM, HEAD_LINES);
  const headH = Math.max(60, head.lines.length * LINE_H + 24);
  const above = Math.max(topLen + CAT_H / 2, headH / 2);
  const below = Math.max(bottomLen + CAT_H / 2, headH / 2);
  const spineY = MARGIN + above;
  const left = LEFT;
  const headX = left + columns * COL_W;
  const width = headX + HEAD_W + MARGIN;
  const height = spineY + below + MARGIN;
  const topSlant = Math.min(topLen * 0.4, MAX_SLANT);
  const bottomSlant = Math.min(bottomLen * 0.4, MAX_SLANT);
  const drawn = bones.map((b) => drawBone(b, { spineY, left, len: b.top ? topLen : bottomLen, slant: b.top ? topSlant : bottomSlant }));
  const label = `Fishbone diagram: ${fb.effect.replace(/\s+/g, ' ').trim()}`;
  const headText = head.lines.length ? textLines(head.lines, headX + (HEAD_W - 24) / 2, spineY + (head.lines.length * LINE_H) / 2 - 3, 'text-anchor="middle" font-size="14" font-weight="bold" fill="#5a0e0e"') : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="fishbone" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-label="${escapeXml(label)}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">`,
    `<title>${escapeXml(label)}</title>`,
    `<desc>${fb.causes.length} causes in ${groups.length} categories</desc>`,
    `<rect x="0" y="0" width="${n(width)}" height="${n(height)}" fill="#fff"/>`,
    `<line x1="${MARGIN}" y1="${n(spineY)}" x2="${n(headX)}" y2="${n(spineY)}" stroke="#111" stroke-width="5"/>`,
    ...drawn,
    `<g class="head"><title>${escapeXml(fb.effect)}</title><path d="M${n(headX)} ${n(spineY - headH / 2)}h${n(HEAD_W - 24)}l24 ${n(headH / 2)}l-24 ${n(headH / 2)}h${n(-(HEAD_W - 24))}z" fill="#f6e3e3" stroke="#8a1c1c" stroke-width="2"/>${headText}</g>`,
    '</svg>',
  ].join('\n');
}
