import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/errors.js';
import { incidentSchema } from '../schema/index.js';
import { detectFormat, parseText, renderText } from './index.js';

const form = renderText(
  incidentSchema.parse({
    id: 'SYS-20251126-004',
    status: 'open',
    version: 1,
    created_at: '2025-11-26T10:30:00Z',
    updated_at: '2025-11-26T10:30:00Z',
    kind: 'sys',
    title: 'Errors',
    severity: 'P2',
    started_at: '2025-11-26T10:27:35Z',
  }),
);

/** The form with the first line starting with `start` replaced; returns the text and that line's number. */
function edit(start: string, replacement: string): { text: string; line: number } {
  const lines = form.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  if (i < 0) throw new Error(`no line starts with ${start}`);
  lines[i] = replacement;
  return { text: lines.join('\n'), line: i + 1 };
}

function failure(text: string): InputError {
  try {
    parseText(text);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('malformed forms', () => {
  it.each([
    ['two boxes ticked in a single-choice list', 'SEVERITY:', 'SEVERITY: [x] P0-Critical [x] P1-High [ ] P2-Medium', /SEVERITY: only one box may be ticked, found 2 \(P0-Critical, P1-High\)/],
    ['a bad timestamp', 'DATE/TIME:', 'DATE/TIME: 2025-13-45 99:00 UTC', /DATE\/TIME:: invalid timestamp "2025-13-45 99:00 UTC"; expected e\.g\. 2025-11-26 10:27:35/],
    ['an unknown option', '[ ] Kernel Panic', '[x] Quantum Flux', /FAILURE TYPE: unknown option "Quantum Flux"; expected Complete System Crash, .*, or Other: <text>/],
    ['an unrecognized tick mark', '[ ] Memory (RAM)', '[?] Memory (RAM)', /SYSTEM COMPONENT: unrecognized mark "\[\?\]"/],
    ['Other ticked without text', '[ ] Other: ____', '[x] Other: ____', /SYSTEM COMPONENT: Other is ticked but has no text/],
    ['letters in a number', '- Overall:', '- Overall: lots%', /- Overall:: expected a number, got "lots"/],
    ['a fraction where a count is expected', '- Thread Count:', '- Thread Count: 12.5', /expected a whole number/],
    ['text under a heading', 'SYSTEM SPECIFICATIONS:', 'SYSTEM SPECIFICATIONS: hosts in NY4', /"SYSTEM SPECIFICATIONS:" is a heading/],
    ['text outside any field', 'CPU Utilization:', 'some words nobody labelled', /unexpected text "some words nobody labelled" under the heading "SYSTEM METRICS AT TIME OF FAILURE:"; write values after a label/],
    ['an unknown banner title', 'TRADING IMPACT:', 'MY OWN SECTION', /unexpected text "MY OWN SECTION"/],
  ])('reports %s with its line number', (_, start, replacement, message) => {
    const { text, line } = edit(start, replacement);
    const err = failure(text);
    expect(err.message).toMatch(new RegExp(`^line ${line}: `));
    expect(err.message).toMatch(message);
    expect(err.details.line).toBe(line);
    expect(err.code).toBe('invalid_input');
  });

  it('reports a section given twice and a second form in one file', () => {
    const twice = `${form}\n${'='.repeat(80)}\n   SYMPTOMS OBSERVED\n${'='.repeat(80)}\n`;
    expect(() => parseText(twice)).toThrow(/section "SYMPTOMS OBSERVED" after the END banner/);
    const dup = form.replace('\nERROR MESSAGES:\n', '\nERROR MESSAGES:\nx\nINITIAL SYMPTOMS:\n');
    expect(() => parseText(dup)).toThrow(/^line \d+: "INITIAL SYMPTOMS:" appears twice \(first at line \d+\)/);
    const lines = form.split('\n');
    const second = [...lines.slice(0, -2), ...lines];
    expect(() => parseText(second.join('\n'))).toThrow(/a second form starts here/);
  });

  it('maps schema problems back to the line of the field', () => {
    const { text, line } = edit('INCIDENT ID:', 'INCIDENT ID: BAD-1');
    const err = failure(text);
    expect(err.message).toContain(`line ${line}: id: expected an id like SYS-20251126-001`);
    expect(err.issues[0]?.path).toBe('id');
    expect(err.details.line).toBe(line);
    const untitled = form.replace('\nINCIDENT TITLE:\nErrors\n', '\nINCIDENT TITLE:\n____\n');
    expect(() => parseText(untitled)).toThrow(/title: /);
    expect(parseText(untitled, { validate: false }).title).toBeUndefined();
  });

  it('names a malformed key of a removed timeline entry with its line', () => {
    const { text, line } = edit('    Keys: ', '    Keys: 3f9a, not-hex');
    const removed = text.replace(/^\[YYYY-MM-DD HH:MM:SS UTC\] _+\n( {4}Removed By: )_+$/m, '[2025-11-27 09:00:00 UTC] T3\n$1alice');
    const err = failure(removed);
    expect(err.message).toContain(`line ${line}: timeline_dismissals.0.keys.0: expected a SHA-256 in 64 hexadecimal digits`);
    expect(err.issues.map((i) => i.path)).toEqual(['timeline_dismissals.0.keys.0', 'timeline_dismissals.0.keys.1']);
  });

  it('accepts a value written without boxes, and names unknown ones', () => {
    expect(parseText(edit('SEVERITY:', 'SEVERITY: P0-Critical').text).severity).toBe('P0');
    expect(() => parseText(edit('SEVERITY:', 'SEVERITY: urgent').text)).toThrow(/SEVERITY: unknown option "urgent"/);
  });
});

describe('lenient reading', () => {
  it('accepts part of a printed unit typed again and Markdown-style checklist lines', () => {
    let text = edit('- Disk Usage:', '- Disk Usage: 61%').text;
    const at = text.indexOf('IMMEDIATE (NEXT 24 HOURS):');
    const blank = text.indexOf('[ ] ', at);
    text = `${text.slice(0, blank)}- [x] Configure DNS failover${text.slice(text.indexOf('\n', blank))}`;
    const r = parseText(text) as { system_state?: { disk?: { usage_pct?: number } }; corrective_actions?: unknown[] };
    expect(r.system_state?.disk?.usage_pct).toBe(61);
    expect(r.corrective_actions).toEqual([{ horizon: 'immediate', description: 'Configure DNS failover', done: true }]);
  });
});

describe('detectFormat', () => {
  it('tells the text form, JSON and YAML apart', () => {
    expect(detectFormat(form)).toBe('text');
    expect(detectFormat('\uFEFF  {"title": "x"}')).toBe('json');
    expect(detectFormat('[{"title": "x"}]')).toBe('json');
    expect(detectFormat('title: x\nseverity: P1\n')).toBe('yaml');
    expect(detectFormat('INCIDENT ID: SYS-20251126-001\nINCIDENT TITLE:\nx\n')).toBe('text');
  });

  it('reads a YAML export as YAML even when a text field quotes the form (its rules and labels)', () => {
    const yaml = 'id: SYS-20251123-009\nkind: sys\ntitle: t\nseverity: P3\nstatus: open\nstarted_at: 2025-11-23T00:00:00Z\nsummary:\n  description: |-\n    a\n    INCIDENT ID: X\n    =====================\n    b\n';
    expect(detectFormat(yaml)).toBe('yaml');
  });
});
