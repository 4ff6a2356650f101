/** The outputs written in chunks are the outputs written whole. */
import { describe, expect, it } from 'vitest';
import { tableLines, toJson } from '../../cli/output.js';
import type { Timeline } from './build.js';
import type { TimelineEvent } from './event.js';
import { htmlChunks, jsonlChunks, markdownChunks, timelineJson, timelineJsonChunks } from './render.js';

// Colour codes, if the header is bold.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const event = (i: number): TimelineEvent => ({
  timestamp: `2025-11-26T10:27:${String(i % 60).padStart(2, '0')}.123456789Z`,
  ns: 1_764_152_820_123_456_789n + BigInt(i) * 1_000_000_000n,
  source: i % 2 ? 'log' : 'order',
  event_type: 'error',
  description: `${'x'.repeat((i % 50) * 40)} "quoted" | <b> \n line ${i}`,
  metadata: { file: 'a.log', line: i, host: null, ok: true, n: 1.5 },
});

const timeline = (n: number, extra = true): Timeline => ({
  window: { start: 1_764_152_000_000_000_000n, end: 1_764_153_000_000_000_000n },
  events: Array.from({ length: n }, (_, i) => event(i)),
  sources: [{ file: 'a.log', kind: 'log', format: 'syslog', lines: 10, events: n, rejected: { binary: 1 }, notes: ['a note'] }],
  unplaced: extra ? [{ boot_offset: '12.500000', source: 'system', event_type: 'oom_kill', description: 'Out of memory', metadata: { file: 'dmesg' } }] : [],
  notes: extra ? ['--offset x: no event comes from a host of that name'] : [],
  names: {},
});

describe('chunked output', () => {
  it.each([0, 1, 3, 2000])('prints the JSON of %d events as toJson prints it whole', (n) => {
    for (const t of [timeline(n), timeline(n, false)]) {
      const chunks = [...timelineJsonChunks(t)];
      expect(chunks.join('')).toBe(toJson(timelineJson(t)));
      // Large outputs come in several pieces, none of them the whole.
      if (n === 2000) expect(chunks.length).toBeGreaterThan(10);
    }
  });

  it('writes JSON lines, Markdown and HTML in pieces that join to one line per event', () => {
    const t = timeline(500);
    const jsonl = [...jsonlChunks(t.events)].join('').split('\n');
    expect(jsonl).toHaveLength(501);
    expect(JSON.parse(jsonl[499] as string)).toMatchObject({ ns: t.events[499]?.ns.toString(), description: t.events[499]?.description });
    const md = [...markdownChunks(t)].join('');
    expect(md.split('\n').filter((l) => l.startsWith('| 2025-'))).toHaveLength(500);
    expect(md).toContain('| +12.500000s | system | oom\\_kill | Out of memory |');
    const html = [...htmlChunks(t)].join('');
    expect(html.match(/<tr class=/g)).toHaveLength(500);
    expect(html).not.toContain('<b>');
    expect([...markdownChunks(timeline(0))].join('')).toContain('_No events in the window._');
  });

  it('lays out a table from rows read twice, each column as wide as its widest cell up to the limit', () => {
    const rows = function* (): Generator<{ time: string; event: string }> {
      for (const e of timeline(50).events) yield { time: e.timestamp, event: e.description };
    };
    const lines = [...tableLines(rows, ['time', 'event'], { maxWidth: 30 })].map((l) => l.replace(ANSI, ''));
    expect(lines).toHaveLength(51);
    expect(lines[0]).toMatch(/^TIME {28}EVENT$/);
    for (const l of lines.slice(1)) expect(l.slice(0, 32)).toMatch(/^2025-11-26T10:27:\d\d\.123456789Z {2}$/);
    expect(Math.max(...lines.map((l) => l.length))).toBe(30 + 2 + 30);
  });
});
