import { describe, expect, it } from 'vitest';
import { buildFullIncident } from '../../test/full-incident.js';
import { incidentSchema, type Incident } from '../schema/index.js';
import { renderMarkdown } from './index.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

const hostile = (): Incident =>
  buildFullIncident({
    title: `${HOSTILE} | pipes | # heading`,
    summary: {
      executive_summary: `# heading\n${HOSTILE}\n| a | b |\n\`\`\`\n[click](javascript:alert(1))\n    four spaces\n- item\n1. item\n---`,
      impact_headline: '| pipes |',
      responders: ['<script>x</script>'],
    },
    supporting: {
      links: [
        { label: 'ok', url: 'https://grafana.example.com/d/x?a=(1)' },
        { label: 'click [me](javascript:alert(1))', url: 'javascript:alert(1)' },
        { label: 'data', url: 'data:text/html,<script>alert(1)</script>' },
      ],
      notes: 'see `code` and <b>bold</b>',
    },
    failure: { logs: { dmesg: 'line with ``` fence\nand ```` longer one' } },
    action_items: [{ priority: 'high', action: 'multi\nline | with pipe', owner: '# owner', status: 'completed' }],
  });

/** Cells of a table row, split at unescaped pipes. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());

describe('renderMarkdown', () => {
  it('follows the post-mortem template', () => {
    const md = renderMarkdown(buildFullIncident());
    expect(md.startsWith('# SYS-20251126-001 — Order-book engine OOM-killed during NASDAQ open &lt;script&gt;')).toBe(true);
    for (const h of ['## Incident Summary', '## Executive Summary', '## Timeline (UTC)', '## Root Cause Analysis', '### Why It Happened (5 Whys)', '## Impact Assessment', '## What Went Well', '## What Went Poorly', '## Corrective Actions', '### Immediate (Next 24 hours)', '## Lessons Learned', '## Action Items', '## Supporting Information', '## Review']) {
      expect(md).toContain(`\n${h}\n`);
    }
    expect(md).toContain(
      '| Time | Event | Marker | Notes |\n| --- | --- | --- | --- |\n| 2025-11-26 10:27:35.123456789 UTC | First error log: "Connection timeout" | First Indication | Resolver timeouts began here<br>Evidence: log:file-0123456789ab-SYS-20251126-001#line 7 |',
    );
    // The record export shows every timeline entry, pinned or not (the post-mortem shows the key events).
    expect(md).toContain('| 2025-11-26 10:35:00.5 UTC | Root cause identified<br>\\[10:36:00\\] stamp-looking line |');
    expect(md).toContain('- [x] **A1** Configure memory cap (Preventive, from W3)\n- [ ] Add RSS alert');
    expect(md).toContain('| High Priority | DevOps | Configure DNS failover | 2025-11-27 | Completed |');
    // Whys with parents form a tree: W3 answers W2, which answers W1.
    expect(md).toContain('\n    - **W3** Why were entries never removed?<br>→ No TTL-based cleanup existed. — **ROOT CAUSE**');
  });

  it('says "_Not recorded._" for empty sections instead of dropping them', () => {
    const md = renderMarkdown(
      incidentSchema.parse({ id: 'INC-20251126-001', status: 'open', version: 1, created_at: 'x', updated_at: 'x', kind: 'inc', title: 'Bare', severity: 'P4', started_at: '2025-11-26T10:00:00Z' }),
    );
    expect(md).toContain('## Executive Summary\n\n_Not recorded._');
    expect(md).toContain('## Timeline (UTC)\n\n_Not recorded._');
    expect(md).toContain('### Immediate (Next 24 hours)\n\n_Not recorded._');
    expect(md).toContain('| Severity | P4-Informational |');
  });

  it('escapes hostile values so they cannot inject HTML, links or structure', () => {
    const md = renderMarkdown(hostile());
    // No HTML but our own line breaks.
    expect(md.match(/<\/?[a-z][^>]*>/gi)?.every((t) => t === '<br>')).toBe(true);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Links only to web addresses.
    const targets = [...md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1] ?? '');
    expect(targets).toEqual(['https://grafana.example.com/d/x?a=%281%29']);
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md).toContain('click \\[me\\](javascript:alert(1)) (javascript:alert(1))');
    // Headings: only ours; `# heading` in a value stays text.
    const headings = md.split('\n').filter((l) => /^#{1,6}\s/.test(l));
    expect(headings[0]).toBe('# SYS-20251126-001 — &lt;img src=x onerror=alert(1)&gt; \\| pipes \\| # heading');
    expect(headings.slice(1).every((h) => !h.includes('heading'))).toBe(true);
    expect(md).toContain('\\# heading\\\n&lt;img');
    // List, code-block and rule starters in text are neutralised.
    expect(md).toContain('&nbsp;&nbsp;&nbsp;&nbsp;four spaces\\\n\\- item\\\n1\\. item\\\n\\---');
    expect(md).toContain('\\`\\`\\`');
  });

  it('keeps pipes and line breaks inside their table cell', () => {
    const md = renderMarkdown(hostile());
    const impact = md.split('\n').find((l) => l.startsWith('| Impact |')) ?? '';
    expect(cells(impact)).toEqual(['Impact', '\\| pipes \\|']);
    const action = md.split('\n').find((l) => l.startsWith('| High Priority |')) ?? '';
    expect(cells(action)).toEqual(['High Priority', '\\# owner', 'multi<br>line \\| with pipe', '', 'Completed']);
  });

  it('fences code with more backticks than the code contains', () => {
    const md = renderMarkdown(hostile());
    expect(md).toContain('**dmesg:**\n\n`````text\nline with ``` fence\nand ```` longer one\n`````');
  });
});
