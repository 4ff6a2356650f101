/**
 * Browser tests with the real Chromium: hostile values stay inert in a live DOM with JavaScript on,
 * and the demo incidents print to PDFs whose text and pixels show the timeline and the fishbone.
 * They fail (not skip) in CI when Chromium or poppler is missing; locally they skip without them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../shared/errors.js';
import { dnsOutage } from '../../demo/dns-outage.js';
import { oomLeak } from '../../demo/oom-leak.js';
import { columnTimes } from './md-values.js';
import { curatedTimeline } from './timeline.js';
import { buildPostmortemInput, hostileInput, storedIncident } from './fixtures.js';
import { POSTMORTEM_CSP, chromiumPath, launchChromium, renderPostmortemHtml, renderPostmortemMarkdown, renderPostmortemPdf } from './index.js';

const hasTool = (name: string) => {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const ready = existsSync(chromiumPath()) && hasTool('pdftoppm') && hasTool('pdftotext');

describe('renderPostmortemPdf without Chromium', () => {
  it('says where it looked and what to install', async () => {
    await expect(renderPostmortemPdf('<p>x</p>', { executablePath: '/nonexistent/chromium' })).rejects.toThrow(
      "Chromium not found at /nonexistent/chromium: install Debian's chromium package or set PFA_CHROMIUM",
    );
    const saved = process.env.PFA_CHROMIUM;
    process.env.PFA_CHROMIUM = '/opt/none/chrome';
    try {
      expect(chromiumPath()).toBe('/opt/none/chrome');
      const err: unknown = await launchChromium().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UnavailableError);
      expect((err as UnavailableError).message).toContain('/opt/none/chrome');
    } finally {
      if (saved === undefined) delete process.env.PFA_CHROMIUM;
      else process.env.PFA_CHROMIUM = saved;
    }
  });
});

interface Gray {
  width: number;
  height: number;
  px: Buffer;
}

/** Reads a binary PGM (what `pdftoppm -gray` writes). */
function readPgm(file: string): Gray {
  const buf = readFileSync(file);
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 40).toString('latin1'));
  if (!m) throw new Error(`not a PGM: ${file}`);
  return { width: Number(m[1]), height: Number(m[2]), px: buf.subarray(m[0].length) };
}

/** Share of pixels that are not (near) white. */
const inked = (g: Gray) => g.px.filter((v) => v < 230).length / g.px.length;

/** Longest horizontal run of dark pixels on any row, as a share of the page width: the fishbone's spine. */
function longestDarkRun(g: Gray): number {
  let best = 0;
  for (let y = 0; y < g.height; y++) {
    let run = 0;
    for (let x = 0; x < g.width; x++) {
      run = (g.px[y * g.width + x] ?? 255) < 120 ? run + 1 : 0;
      best = Math.max(best, run);
    }
  }
  return best / g.width;
}

/** The PDF's pages as text (reading order) and as 50 dpi grayscale rasters. */
function readPdf(pdf: Buffer, dir: string): { text: string[]; pages: Gray[] } {
  const file = path.join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-gray', '-r', '50', file, path.join(dir, 'page')]);
  const pages = readdirSync(dir)
    .filter((f) => f.startsWith('page') && f.endsWith('.pgm'))
    .sort()
    .map((f) => readPgm(path.join(dir, f)));
  const text = pages.map((_, i) => execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
  return { text, pages };
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe.skipIf(!ready && !process.env.CI)('post-mortems in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pfa-pdf-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps hostile values inert in a live DOM with JavaScript on, with or without the CSP', async () => {
    const html = renderPostmortemHtml(hostileInput());
    const context = await browser.newContext({ javaScriptEnabled: true });
    try {
      const page = await context.newPage();
      const probe = `(() => ({
        pwned: [typeof window.__pwned, typeof window.pwned],
        scripts: document.getElementsByTagName('script').length,
        handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.tagName + ' ' + a.name)),
        badLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '').filter((h) => !/^(https?:|mailto:)/i.test(h.trim())),
        embedded: document.querySelectorAll('img, iframe, object, embed, foreignObject, svg svg').length,
        links: [...document.querySelectorAll('a')].filter((a) => a.rel !== 'noopener noreferrer').length,
      }))()`;
      // Control: the harness does see a handler that runs (each check gets a fresh page: a window outlives setContent).
      await page.setContent('<img src=x onerror="window.__pwned=1">', { waitUntil: 'load' });
      await page.waitForFunction('window.__pwned === 1');
      for (const variant of [html, html.replace(`<meta http-equiv="Content-Security-Policy" content="${POSTMORTEM_CSP}">`, '')]) {
        const fresh = await context.newPage();
        await fresh.setContent(variant, { waitUntil: 'load' });
        await fresh.waitForTimeout(150);
        expect(await fresh.evaluate(probe)).toEqual({ pwned: ['undefined', 'undefined'], scripts: 0, handlers: [], badLinks: [], embedded: 0, links: 0 });
        expect(await fresh.evaluate('document.body.innerText')).toContain('<img src=x onerror=window.__pwned=1>');
      }
    } finally {
      await context.close();
    }
    const pdf = await renderPostmortemPdf(html, { browser });
    const { text } = readPdf(pdf, mkdtempSync(path.join(dir, 'doc-')));
    expect(text.join('\n')).toContain('<script>window.__pwned=1</script>');
  });

  it.each([
    ['the system failure', oomLeak],
    ['the DNS outage', dnsOutage],
  ])('prints a complete post-mortem of %s: timeline rows and fishbone in text and pixels', async (_name, demo) => {
    const incident = storedIncident(demo);
    const input = buildPostmortemInput(incident);
    const md = renderPostmortemMarkdown(input);
    for (const h of ['## Incident Summary', '## Timeline (UTC)', '### Why It Happened (5 Whys)', '### Fishbone Diagram', '## Corrective Actions', '## Review']) expect(md).toContain(`\n${h}\n`);
    const html = renderPostmortemHtml(input);
    const sub = mkdtempSync(path.join(dir, 'doc-'));
    const { text, pages } = readPdf(await renderPostmortemPdf(html, { browser }), sub);
    expect(pages.length).toBeGreaterThan(1);
    expect(text[0]).toContain(`Post-Mortem: ${incident.id}`);
    for (const [i, p] of pages.entries()) expect(inked(p), `page ${i + 1} is blank`).toBeGreaterThan(0.005);
    // Every row of the curated timeline is in the PDF: its time (on the table's one scale) and its event.
    const all = squash(text.join('\n'));
    const rows = curatedTimeline(incident.timeline ?? []).rows;
    const times = columnTimes(rows.map((e) => e.at));
    for (const [i, e] of rows.entries()) {
      expect(all).toContain(squash(`${(times[i] ?? e.at).replace('T', ' ').replace('Z', '')} UTC`));
      expect(all).toContain(squash(e.event));
    }
    // The page with the diagram (its category labels) carries its spine: a dark line across most of the page.
    const fishPage = text.findIndex((t) => input.categories.every((c) => t.includes(c)) && t.includes('Effect:'));
    expect(fishPage).toBeGreaterThanOrEqual(0);
    expect(longestDarkRun(pages[fishPage] as Gray)).toBeGreaterThan(0.5);
    // …which no text page has.
    expect(longestDarkRun(pages[0] as Gray)).toBeLessThan(0.3);
    expect(`${text[0]}`).toMatch(/Page 1 of \d+/);
  });
});
