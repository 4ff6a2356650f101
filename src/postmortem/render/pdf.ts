/**
 * HTML → PDF through headless Chromium (Debian's package) driven by playwright-core: A4, header with
 * the document title, footer with page x of y, JavaScript off and every network request refused.
 * The one module of this folder that does I/O.
 */
import { accessSync, constants } from 'node:fs';
import type { Browser } from 'playwright-core';
import { UnavailableError } from '../../shared/errors.js';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumOptions {
  /** Chromium binary; default `$PFA_CHROMIUM`, else /usr/bin/chromium. */
  executablePath?: string;
}

export interface PdfOptions extends ChromiumOptions {
  /** A browser from `launchChromium` to reuse (left open); without one, a browser is launched and closed. */
  browser?: Browser;
  /** Give up after this long (launch excluded). */
  timeoutMs?: number;
}

/**
 * The Chromium binary to use: the option, else `$PFA_CHROMIUM`, else Debian's path.
 * @example chromiumPath({}) // '/usr/bin/chromium' when PFA_CHROMIUM is unset
 */
export function chromiumPath({ executablePath }: ChromiumOptions = {}): string {
  const fromEnv = process.env.PFA_CHROMIUM?.trim();
  return executablePath ?? (fromEnv ? fromEnv : DEFAULT_CHROMIUM);
}

/**
 * Launches headless Chromium, with a clear error when the binary is missing.
 * @example const browser = await launchChromium(); try { … } finally { await browser.close(); }
 */
export async function launchChromium(opts: ChromiumOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath(opts);
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new UnavailableError(`Chromium not found at ${executablePath}: install Debian's chromium package or set PFA_CHROMIUM`);
  }
  // Loaded on demand: most commands never print a PDF, and playwright-core is large.
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath, headless: true });
  } catch (err) {
    throw new UnavailableError(`Chromium at ${executablePath} could not be started: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, err);
  }
}

// Chromium fills .title, .pageNumber and .totalPages itself (as text); the templates hold no user data.
const HEADER = '<div style="width:100%;font-size:8px;color:#555;padding:0 14mm;font-family:sans-serif;white-space:nowrap;overflow:hidden;text-overflow:ellipsis"><span class="title"></span></div>';
const FOOTER = '<div style="width:100%;font-size:8px;color:#555;padding:0 14mm;font-family:sans-serif;text-align:right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/**
 * Prints HTML to an A4 PDF with a header (title) and footer (page x of y).
 * @example const pdf = await renderPostmortemPdf(renderPostmortemHtml(input));
 */
export async function renderPostmortemPdf(html: string, { browser, timeoutMs = 60_000, ...chromiumOpts }: PdfOptions = {}): Promise<Buffer> {
  const owned = browser === undefined;
  const b = browser ?? (await launchChromium(chromiumOpts));
  const context = await b.newContext({ javaScriptEnabled: false, offline: true });
  try {
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'A4',
      // The stylesheet's @page rules win: A4 portrait, and a landscape page for the fishbone.
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: HEADER,
      footerTemplate: FOOTER,
      margin: { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await context.close().catch(() => undefined);
    if (owned) await b.close().catch(() => undefined);
  }
}
