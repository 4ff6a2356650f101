import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { dnsOutage } from '../../demo/dns-outage.js';
import { buildFullIncident } from '../../test/full-incident.js';
import { bareIncident, buildPostmortemInput, emptyRecovery, hostileInput, storedIncident } from './fixtures.js';
import { renderPostmortemMarkdown } from './index.js';

const TEMPLATE = [
  '## Incident Summary',
  '## Executive Summary',
  '## Timeline (UTC)',
  '## Root Cause Analysis',
  '### What Happened',
  '### Why It Happened (5 Whys)',
  '### Contributing Factors',
  '### Fishbone Diagram',
  '## Impact Assessment',
  '### Technical Impact',
  '### Financial Impact',
  '### Customer Impact',
  '## What Went Well',
  '## What Went Poorly',
  '## Corrective Actions',
  '### Immediate (Next 24 hours)',
  '### Short-term (Next 2 weeks)',
  '### Long-term (Next quarter)',
  '## Lessons Learned',
  '## Action Items',
  '## Supporting Information',
  '## Review',
];
const SYSTEM = [
  '## System State Information',
  '## Failure Details and Crash-Dump Analysis',
  '### Core Dump Analysis',
  '## Recovery Against the RTO',
  '## Prevention Measures',
  '## Related Incidents and Patterns',
  '## Sign-off',
];

const headings = (md: string) => md.split('\n').filter((l) => /^#{1,6} /.test(l));

/** Position of each wanted heading in the document's heading list (-1 when absent). */
const positions = (md: string, wanted: readonly string[]) => wanted.map((h) => headings(md).indexOf(h));

/** The body of a section: from its heading to the next heading of the same or a higher level. */
function section(md: string, heading: string): string {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return '';
  const level = /^#+/.exec(heading)?.[0].length ?? 2;
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
}

describe('renderPostmortemMarkdown', () => {
  it("has every section of the framework's template in order, then the system-failure sections", () => {
    const md = renderPostmortemMarkdown(buildPostmortemInput(buildFullIncident()));
    expect(md.startsWith('# Post-Mortem: SYS-20251126-001 — Order-book engine OOM-killed')).toBe(true);
    const at = positions(md, [...TEMPLATE, ...SYSTEM]);
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('says "_Not recorded._" for each empty section of a bare system failure', () => {
    const md = renderPostmortemMarkdown(buildPostmortemInput(bareIncident('sys'), { recovery: emptyRecovery() }));
    for (const h of ['## Executive Summary', '## Timeline (UTC)', '### What Happened', '### Why It Happened (5 Whys)', '### Fishbone Diagram', '## What Went Well', '## Action Items', '### System Specifications', '### Core Dump Analysis', '### Time to Recovery', '## Related Incidents and Patterns', '## Sign-off']) {
      expect(section(md, h), h).toBe('_Not recorded._');
    }
    expect(positions(md, [...TEMPLATE, ...SYSTEM]).every((p) => p >= 0)).toBe(true);
  });

  it('gives another incident the template, and only the system-failure sections it filled in', () => {
    const md = renderPostmortemMarkdown(buildPostmortemInput(storedIncident(dnsOutage)));
    expect(positions(md, TEMPLATE).every((p) => p >= 0)).toBe(true);
    // The DNS demo records symptoms and a response, but no system state or prevention.
    expect(headings(md)).toContain('## Symptoms Observed');
    expect(headings(md)).toContain('## Immediate Response Actions');
    expect(headings(md)).not.toContain('## System State Information');
    expect(headings(md)).not.toContain('## Prevention Measures');
    // Recovery figures and sign-off move into the impact and review sections.
    expect(headings(md)).toContain('### Recovery Time');
    expect(section(md, '### Sign-off')).toContain('| Analyzed by | Jane Smith, SRE, 2025-11-27 |');
    expect(md).not.toContain('_Not recorded._\n\n## Symptoms');
  });

  it('renders a classic chain of whys (no parents) as a numbered list, with the root cause marked', () => {
    const five_whys = [
      { question: 'Why did the system stop responding?', answer: 'Memory usage reached 100%' },
      { question: 'Why did memory usage reach 100%?', answer: 'Memory leak in order book processing' },
      { question: "Why didn't cleanup run automatically?", answer: 'No timeout-based cleanup was implemented', root_cause: true },
    ];
    const md = renderPostmortemMarkdown(buildPostmortemInput(buildFullIncident({ analysis: { five_whys } })));
    expect(section(md, '### Why It Happened (5 Whys)')).toBe(
      [
        '1. Why did the system stop responding?<br>→ Memory usage reached 100%',
        '2. Why did memory usage reach 100%?<br>→ Memory leak in order book processing',
        "3. Why didn't cleanup run automatically?<br>→ No timeout-based cleanup was implemented — **ROOT CAUSE**",
      ].join('\n'),
    );
    expect(section(md, '### Root Cause')).toBe('Marked as root cause in the 5 whys:\n\n- No timeout-based cleanup was implemented');
  });

  it('renders whys with parents as a nested tree, each evidence link with its label and excerpt', () => {
    const inc = buildFullIncident({
      analysis: {
        five_whys: [
          { id: 'W1', question: 'Why did the engine stop?', answer: 'OOM-killed', evidence: ['log:file-1#line 2'] },
          { id: 'W2', parent: 'W1', question: 'Why did memory grow?', answer: 'Index leak', root_cause: true },
          { id: 'W3', parent: 'W1', question: 'Why no failover?', answer: 'Manual only', evidence: ['crash:oom'] },
          { id: 'W4', parent: 'W9', question: 'Orphan?' },
        ],
      },
    });
    const input = buildPostmortemInput(inc, {
      links: {
        'log:file-1#line 2': { link: 'log:file-1#line 2', label: 'app.log line 2', excerpt: 'ERROR  oom-kill\n pid 4242' },
        'crash:oom': { link: 'crash:oom', label: 'crash signature oom', error: 'signature not found' },
      },
    });
    expect(section(renderPostmortemMarkdown(input), '### Why It Happened (5 Whys)')).toBe(
      [
        '- **W1** Why did the engine stop?<br>→ OOM-killed<br>Evidence: app.log line 2: “ERROR oom-kill pid 4242”',
        '  - **W2** Why did memory grow?<br>→ Index leak — **ROOT CAUSE**',
        '  - **W3** Why no failover?<br>→ Manual only<br>Evidence: crash signature oom _(not resolved: signature not found)_',
        '- **W4** Orphan?',
      ].join('\n'),
    );
  });

  it('shows pinned and marked timeline entries when any is pinned, else all, in UTC with full precision on one scale', () => {
    const timeline = [
      { at: '2025-11-26T10:29:00.000000001Z', event: 'second', pinned: true },
      { at: '2025-11-26T10:27:35.123456789Z', event: 'first', marker: 'first_indication' as const },
      { at: '2025-11-26T10:28:00Z', event: 'noise' },
      { at: '2025-11-26T10:30:00+02:00', event: 'zoned', annotation: 'note' },
    ];
    const pinned = section(renderPostmortemMarkdown(buildPostmortemInput(buildFullIncident({ timeline }))), '## Timeline (UTC)');
    expect(pinned.split('\n').slice(2, 4)).toEqual(['| 2025-11-26 10:27:35.123456789 UTC | first | First Indication |   |', '| 2025-11-26 10:29:00.000000001 UTC | second |   |   |']);
    expect(pinned).not.toContain('noise');
    expect(pinned).toContain('_Key events: the 2 pinned or marked entries of 4 in the curated timeline._');
    const unpinned = timeline.map((e) => ({ ...e, pinned: false }));
    const all = section(renderPostmortemMarkdown(buildPostmortemInput(buildFullIncident({ timeline: unpinned }))), '## Timeline (UTC)');
    expect(all.split('\n').filter((l) => l.startsWith('| 2025')).map((l) => l.split(' | ')[1])).toEqual(['zoned', 'first', 'noise', 'second']);
    // One scale in the column: a whole-second entry is padded to the finest time of the table, never cut.
    expect(all).toContain('| 2025-11-26 08:30:00.000000000 UTC | zoned |   | note |');
    const coarse = section(renderPostmortemMarkdown(buildPostmortemInput(buildFullIncident({ timeline: [{ at: '2025-11-26T10:28:00Z', event: 'a' }, { at: '2025-11-26T10:29:00.5Z', event: 'b' }] }))), '## Timeline (UTC)');
    expect(coarse.split('\n').filter((l) => l.startsWith('| 2025')).map((l) => l.split(' | ')[0])).toEqual(['| 2025-11-26 10:28:00.0 UTC', '| 2025-11-26 10:29:00.5 UTC']);
  });

  it('lists accepted factors with kind, score and evidence, and leaves rejected suggestions out', () => {
    const md = renderPostmortemMarkdown(buildPostmortemInput(buildFullIncident()));
    const factors = section(md, '### Contributing Factors');
    expect(factors).toContain('- **F1** No memory alert below 95% — Threshold set at 98% in 2023.<br>Kind: Metric root-cause ranking · Score: 12.5 · Category: Tools<br>Evidence: metric evidence mem\\_used: “excerpt 3: ERROR line for mem\\_used”');
    expect(factors).not.toContain('Similar to a past incident');
    expect(factors).toContain('_1 rejected suggestion is not shown._');
  });

  it('tabulates the fishbone by category in drawing order, keeping causes of unlisted categories', () => {
    const inc = buildFullIncident();
    const fb = inc.analysis?.fishbone;
    const input = buildPostmortemInput(
      buildFullIncident({ analysis: { ...inc.analysis, fishbone: { ...fb, causes: [...(fb?.causes ?? []), { category: 'Vendors', cause: 'Late patch' }] } } }),
    );
    const rows = section(renderPostmortemMarkdown(input), '### Fishbone Diagram').split('\n');
    expect(rows[0]).toBe('**Effect:** Order book unavailable');
    expect(rows.filter((r) => r.startsWith('| ') && !r.startsWith('| ---')).map((r) => r.split(' | ')[0])).toEqual(['| Category', '| Technology', '| Process', '| Market data', '| Vendors']);
  });

  it('shows computed recovery figures beside the recorded ones, with the RTO verdict', () => {
    const md = renderPostmortemMarkdown(buildPostmortemInput(buildFullIncident()));
    const rec = section(md, '## Recovery Against the RTO');
    expect(rec).toContain('| Detection (first indication → detection) | 1m 24.876543211s | 3m |');
    expect(rec).toContain('| Diagnosis (detection → diagnosis) | — | 5m |');
    expect(rec).toContain('| Met | No | No |');
    expect(rec).toContain('| Variance | +12m 24.876543211s | +10m |');
    expect(rec).toContain('| Orders failed (from FIX evidence) | 14 | 12 |');
    expect(rec).toContain('| Financial impact (USD) | $25,000.5 | $25,000.5 |');
    expect(rec).toContain('| First Indication | 2025-11-26 10:27:35.123456789 UTC | T1 |');
    expect(rec).toContain('- No diagnosis marker: diagnosis and fix times are not computed.');
  });

  it('shows who reviewed and approved, in which role, when and on which version, and the blame warnings', () => {
    const input = buildPostmortemInput(buildFullIncident(), {
      review: {
        state: 'approved',
        events: [
          { action: 'submitted', actor: 'jane', role: 'editor', at: '2025-11-27T09:00:00Z', incident_version: 3 },
          { action: 'approved', actor: 'mary', role: 'approver', at: '2025-11-28T10:00:00.5Z', incident_version: 3, comment: 'LGTM' },
        ],
      },
      blame: [{ path: 'analysis.what_happened', phrase: 'human error', excerpt: 'caused by human error', rule: 'human_error', suggestion: 'Describe the conditions that made the error likely.' }],
    });
    const md = renderPostmortemMarkdown(input);
    expect(section(md, '## Review')).toContain('| Approved | mary | approver | 2025-11-28 10:00:00.5 UTC | 3 | LGTM |');
    expect(section(md, '## Sign-off')).toContain('| Approved in review | mary, approver, 2025-11-28 10:00:00.5 UTC (version 3) |');
    expect(md).toContain('> **Blameless language check:** 1 passage may assign blame');
    expect(section(md, '## Appendix: Blameless Language Check')).toContain('| analysis.what\\_happened | human error | caused by human error | Describe the conditions that made the error likely. |');
  });

  it('renders hostile values inert even through a renderer that passes raw HTML', () => {
    const md = renderPostmortemMarkdown(hostileInput());
    const html = new MarkdownIt({ html: true }).render(md);
    const tags = new Set([...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => (m[1] ?? '').toLowerCase()));
    expect([...tags].filter((t) => !['h1', 'h2', 'h3', 'h4', 'p', 'em', 'strong', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'br', 'pre', 'code', 'blockquote', 'a'].includes(t))).toEqual([]);
    const openTags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(openTags.filter((t) => /\son\w+\s*=/i.test(t))).toEqual([]);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.every((h) => /^https:\/\//.test(h))).toBe(true);
    expect(hrefs).toContain('https://ok.example/%22%3E%3Cimg%20src=x%20onerror=window.__pwned=1%3E');
    // Only our headings: none from a value, not even after a lone carriage return.
    expect(headings(md).filter((h) => /injected|CR heading/.test(h))).toEqual(['# Post-Mortem: SYS-20251126-666 — A \\| B # \\[x\\](javascript:window.\\_\\_pwned=1) &lt;img src=x onerror=window.\\_\\_pwned=1&gt; \\`tick\\` "&gt;&lt;svg onload=window.\\_\\_pwned=1&gt; " onmouseover="window.pwned=1" x=" # CR heading']);
    expect(html.match(/<h[1-6]>[^<]*injected/g)).toBeNull();
    // Every table row keeps its column count: no value adds or removes a cell.
    const lines = md.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]?.startsWith('| ')) continue;
      let j = i;
      while (lines[j + 1]?.startsWith('| ')) j++;
      const counts = lines.slice(i, j + 1).map((l) => l.split(/(?<!\\)\|/).length);
      expect(new Set(counts).size, lines[i]).toBe(1);
      i = j;
    }
  });
});
