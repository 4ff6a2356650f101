import { describe, expect, it } from 'vitest';
import { buildFullIncident } from '../../test/full-incident.js';
import { buildPostmortemInput } from './fixtures.js';
import { renderFishboneSvg } from './index.js';
import { textEm, wrapText } from './svg-text.js';

const viewBox = (svg: string) => {
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return { w: Number(m?.[1]), h: Number(m?.[2]) };
};

/** Each cause group: its rib's y and x range, and the lines of its label. */
function causes(svg: string) {
  return [...svg.matchAll(/<g class="cause"><title>([^<]*)<\/title><line x1="([\d.-]+)" y1="([\d.-]+)" x2="([\d.-]+)"[^>]*\/><text[^>]*>(.*?)<\/text><\/g>/g)].map((m) => ({
    title: m[1] ?? '',
    x1: Number(m[2]),
    y: Number(m[3]),
    x2: Number(m[4]),
    lines: [...(m[5] ?? '').matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1] ?? ''),
  }));
}

const categories = (svg: string) => [...svg.matchAll(/<g class="category"><title>([^<]*)<\/title>/g)].map((m) => m[1]);
const bones = (svg: string) => [...svg.matchAll(/<line x1="([\d.-]+)" y1="([\d.-]+)" x2="([\d.-]+)" y2="([\d.-]+)" stroke="#1f3a5f"/g)].map((m) => m.slice(1).map(Number));

describe('renderFishboneSvg', () => {
  it('draws a spine to the effect, one bone per category alternating above and below, causes as ribs', () => {
    const svg = renderFishboneSvg(buildPostmortemInput(buildFullIncident()));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(categories(svg)).toEqual(['Technology', 'Process', 'Market data']);
    const spineY = Number(/<line x1="20" y1="([\d.]+)"[^>]*stroke="#111"/.exec(svg)?.[1]);
    const b = bones(svg);
    expect(b).toHaveLength(3);
    // Every bone ends on the spine; the first above it, the second below, the third above again.
    expect(b.map(([, , , y2]) => y2)).toEqual([spineY, spineY, spineY]);
    expect(b.map(([, y1]) => Math.sign((y1 ?? 0) - spineY))).toEqual([-1, 1, -1]);
    expect(causes(svg).map((c) => c.lines.join(' '))).toEqual(['C1 Leak in stale order cleanup', 'No soak test before release']);
    expect(svg).toContain('<g class="head"><title>Order book unavailable</title>');
  });

  it('is deterministic and self-contained: no script, no event handler, no external reference', () => {
    const input = buildPostmortemInput(buildFullIncident());
    const svg = renderFishboneSvg(input);
    expect(renderFishboneSvg(input)).toBe(svg);
    expect(svg).not.toMatch(/<script|\son\w+=|href|url\(|<image|<foreignObject|@import/i);
  });

  it('XML-escapes every string and drops characters XML forbids', () => {
    const svg = renderFishboneSvg({
      effect: '"><script>alert(1)</script>',
      categories: ['<img src=x onerror=alert(1)>', 'A & B'],
      causes: [{ category: 'A & B', cause: `]]></text><script>x</script> it's \u0001 \uD800` }],
    });
    expect(svg).not.toMatch(/<script|<img/);
    expect(svg.includes('\u0001') || svg.includes('\uD800')).toBe(false);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toContain('aria-label="Fishbone diagram: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(causes(svg)[0]?.title).toBe(']]&gt;&lt;/text&gt;&lt;script&gt;x&lt;/script&gt; it&#39;s \uFFFD \uFFFD');
    // Outside strings, only our own markup: every tag is one of the few we write.
    const tags = new Set([...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['desc', 'g', 'line', 'path', 'rect', 'svg', 'text', 'title', 'tspan']);
  });

  it('stays sane with no cause, with one category, and with no category at all', () => {
    const empty = renderFishboneSvg({ effect: 'Outage', categories: ['People', 'Process', 'Technology', 'Environment', 'Procedures', 'Tools'], causes: [] });
    expect(categories(empty)).toHaveLength(6);
    expect(causes(empty)).toEqual([]);
    const one = renderFishboneSvg({ effect: 'Outage', categories: ['Network'], causes: [{ category: 'Network', cause: 'Route flap' }] });
    expect(bones(one)).toHaveLength(1);
    expect(causes(one)).toHaveLength(1);
    const none = renderFishboneSvg({ effect: '', categories: [], causes: [] });
    expect(bones(none)).toEqual([]);
    expect(viewBox(none).w).toBeGreaterThan(0);
  });

  it('gives 30 causes in one category their own ribs, all inside the drawing, without overlap', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ category: 'Technology', cause: `Cause number ${i + 1} with a fairly long description that must wrap onto a second line and be cut` }));
    const svg = renderFishboneSvg({ effect: 'Outage', categories: ['People', 'Technology'], causes: many.map((c, i) => (i === 0 ? { ...c, category: 'People' } : c)) });
    const cs = causes(svg);
    expect(cs).toHaveLength(30);
    const { w, h } = viewBox(svg);
    const tech = cs.filter((c) => !c.title.startsWith('Cause number 1 '));
    const ys = tech.map((c) => c.y).sort((a, b) => a - b);
    expect(ys.slice(1).every((y, i) => y - (ys[i] ?? 0) >= 30)).toBe(true);
    for (const c of cs) {
      expect(c.y).toBeGreaterThan(0);
      expect(c.y).toBeLessThan(h);
      expect(c.x1).toBeGreaterThanOrEqual(0);
      expect(c.x2).toBeLessThan(w);
      // Long text is wrapped to two lines, cut with an ellipsis, and kept whole in <title>.
      expect(c.lines).toHaveLength(2);
      expect(c.lines[1]?.endsWith('…')).toBe(true);
      expect(c.title).toMatch(/be cut$/);
    }
  });
});

describe('wrapText', () => {
  it('wraps at words, splits words wider than a line and cuts with an ellipsis', () => {
    expect(wrapText('alpha beta gamma', 4, 3).lines).toEqual(['alpha', 'beta', 'gamma']);
    const long = wrapText('x'.repeat(40), 10, 2);
    expect(long.truncated).toBe(true);
    expect(long.lines.every((l) => textEm(l) <= 10)).toBe(true);
    expect(long.lines[1]?.endsWith('…')).toBe(true);
    expect(wrapText(' \n ', 10, 2).lines).toEqual([]);
  });
});
