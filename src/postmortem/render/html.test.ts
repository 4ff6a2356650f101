import { describe, expect, it } from 'vitest';
import { buildFullIncident } from '../../test/full-incident.js';
import { bareIncident, buildPostmortemInput, emptyRecovery, hostileInput } from './fixtures.js';
import { POSTMORTEM_CSP, renderPostmortemHtml } from './index.js';

const openTags = (html: string) => html.match(/<[a-zA-Z][^>]*>/g) ?? [];
/** A tag with its quoted attribute values emptied: what is left are names. */
const names = (tag: string) => tag.replace(/"[^"]*"/g, '""');

/** What a rendered page must never hold, whatever the input. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|<img|<link|<base|<form|<meta http-equiv="refresh"/i);
  expect(openTags(html).filter((t) => /\son[a-z]+\s*=/i.test(names(t)))).toEqual([]);
  expect(openTags(html).filter((t) => /\s(?:src|srcset|xlink:href|action|formaction)\s*=/i.test(names(t)))).toEqual([]);
  const hrefs = openTags(html).flatMap((t) => [...t.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1] ?? ''));
  expect(hrefs.filter((h) => !/^(?:https?:\/\/|mailto:)/i.test(h))).toEqual([]);
  expect(openTags(html).filter((t) => t.startsWith('<a ') && !t.includes('rel="noopener noreferrer"'))).toEqual([]);
  expect(html).not.toMatch(/url\(|@import/i);
  // Exactly one SVG: ours.
  expect(html.match(/<svg/g)).toHaveLength(1);
  expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="fishbone"');
}

describe('renderPostmortemHtml', () => {
  it('is one self-contained page with a strict CSP, print styles and the fishbone inline', () => {
    const html = renderPostmortemHtml(buildPostmortemInput(buildFullIncident()));
    expect(POSTMORTEM_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.indexOf(`<meta http-equiv="Content-Security-Policy" content="${POSTMORTEM_CSP}">`)).toBeGreaterThan(0);
    expect(head.indexOf('Content-Security-Policy')).toBeLessThan(head.indexOf('<title>'));
    expect(html).toMatch(/tr,td,th\{break-inside:avoid;page-break-inside:avoid\}/);
    expect(html).toContain('thead{display:table-header-group}');
    expect(html).toContain('@page{size:A4;');
    expect(html).toContain('@page fishbone{size:A4 landscape}');
    expectInert(html);
    // The figure sits in the fishbone section, right under its heading, before the table of causes.
    const fish = html.slice(html.indexOf('<h3>Fishbone Diagram</h3>'), html.indexOf('<h3>Investigation Methodology</h3>'));
    expect(fish).toMatch(/^<h3>Fishbone Diagram<\/h3>\n<figure class="fishbone"><svg /);
    expect(fish).toContain('<figcaption><strong>Effect:</strong> Order book unavailable</figcaption></figure>');
    expect(fish).toContain('<td>Technology</td>');
  });

  it('has the timeline table, cell line breaks, task boxes and safe links', () => {
    const html = renderPostmortemHtml(buildPostmortemInput(buildFullIncident()));
    const timeline = html.slice(html.indexOf('<h2>Timeline (UTC)</h2>'), html.indexOf('<h2>Root Cause Analysis</h2>'));
    expect(timeline).toContain('<th>Time</th>\n<th>Event</th>\n<th>Marker</th>\n<th>Notes</th>');
    expect(timeline).toContain('<td>2025-11-26 10:27:35.123456789 UTC</td>\n<td>First error log: &quot;Connection timeout&quot;</td>\n<td>First Indication</td>');
    expect(timeline).toContain('<td>Resolver timeouts began here<br>\nEvidence: log evidence line 7: “excerpt 6: ERROR line for line 7”</td>');
    expect(html).toContain('<li class="task done">☑ <strong>A1</strong> Configure memory cap (Preventive, from W3)</li>');
    expect(html).toContain('<li class="task">☐ Add RSS alert</li>');
    expect(html).toContain('<a href="https://grafana.example.com/d/obengine?from=now-6h" rel="noopener noreferrer">Metrics dashboard</a>');
    expect(html).toContain('Evil [link](x) (javascript:alert(1))');
  });

  it('says "Not recorded." for empty sections and still draws the fishbone skeleton', () => {
    const html = renderPostmortemHtml(buildPostmortemInput(bareIncident('sys'), { recovery: emptyRecovery() }));
    expect(html).toContain('<h2>Executive Summary</h2>\n<p><em>Not recorded.</em></p>');
    expect(html).toContain('<h2>Sign-off</h2>\n<p><em>Not recorded.</em></p>');
    expect(html).toMatch(/<h3>Fishbone Diagram<\/h3>\n<figure class="fishbone"><svg[\s\S]*<\/figure>\n<p><em>No causes recorded.<\/em><\/p>/);
    expect((html.match(/<g class="category">/g) ?? []).length).toBe(6);
  });

  it('keeps every hostile value as text: no tag, attribute or link comes from user input', () => {
    const html = renderPostmortemHtml(hostileInput());
    expectInert(html);
    expect(html).toContain('&lt;img src=x onerror=window.__pwned=1&gt;');
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('[x](javascript:window.__pwned=1)');
    // A user's "<br>" is text, ours is a line break.
    const withBr = renderPostmortemHtml(buildPostmortemInput(buildFullIncident({ timeline: [{ at: '2025-11-26T10:00:00Z', event: 'a<br>b' }] })));
    expect(withBr).toContain('<td>a&lt;br&gt;b</td>');
    // No heading from a value, not even after a carriage return.
    expect(html.match(/<h[1-6]>[^<]*injected/g)).toBeNull();
  });
});
