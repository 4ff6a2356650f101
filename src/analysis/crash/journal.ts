/**
 * A journal export (`journalctl -o json`, one JSON object per line) as the text the detectors
 * read: each message line becomes a syslog line `<time> <host> <identifier>[<pid>]: <text>`, so
 * kernel entries read as console output and other programs' entries keep their tag, as they would
 * in /var/log/syslog. The entries are read by the project's journal parser, not by hand.
 */
import { detectFormat, parseLogText, type LogRecord } from '../../evidence/logs/index.js';

// Lines sampled to tell a journal export from other text; the parser's detection decides.
const SAMPLE_LINES = 20;
// What parseLine (text.ts) accepts as a syslog tag; anything else would hide the tag's meaning.
const TAG = /^[A-Za-z_][\w./-]*$/;

function sample(text: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (out.length < SAMPLE_LINES && pos < text.length) {
    const end = text.indexOf('\n', pos);
    const line = text.slice(pos, end < 0 ? text.length : end).trim();
    if (line !== '') out.push(line);
    pos = end < 0 ? text.length : end + 1;
  }
  return out;
}

/** A journal entry's lines in syslog form; a message of several lines gives several lines. */
function entryLines(r: LogRecord): string[] {
  const tag = r.process !== undefined && TAG.test(r.process) ? r.process : 'journal';
  const host = r.host?.replace(/[\s:]+/g, '_') || 'localhost';
  const prefix = `${r.timestamp ?? '1970-01-01T00:00:00Z'} ${host} ${tag}${r.pid !== undefined ? `[${r.pid}]` : ''}: `;
  return r.message.split('\n').map((l) => prefix + l);
}

/**
 * The syslog-form text of a journal export, or null when the text is not one (it is then read as
 * it is). Lines that are not journal entries are kept as they are.
 * @example journalAsText('{"__REALTIME_TIMESTAMP":"1741944600000000","SYSLOG_IDENTIFIER":"kernel","MESSAGE":"Oops"}\n')
 * // '2025-03-14T09:30:00.000000Z localhost kernel: Oops\n'
 */
export function journalAsText(text: string): string | null {
  // Cheap test first: most logs are not JSON, and detection reads a whole sample.
  const first = text.trimStart();
  if (!first.startsWith('{') || !first.slice(0, 4096).includes('"__REALTIME_TIMESTAMP"')) return null;
  if (detectFormat(sample(text)).format !== 'journal') return null;
  const out: string[] = [];
  for (const r of parseLogText(text, { format: 'journal' }).results) {
    // journalctl's boot marker is kept as written, as other lines that are no entry are.
    if (r.kind === 'record' && r.record.newBoot === undefined) out.push(...entryLines(r.record));
    else out.push(r.kind === 'record' ? r.record.message : r.text);
  }
  return `${out.join('\n')}\n`;
}
