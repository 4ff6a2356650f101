/**
 * systemd-coredump's reports, as the journal, `coredumpctl info` or rsyslog (`#012` for newlines)
 * show them: `Process 18231 (gw) of user 0 dumped core.` then a stack trace per thread, the
 * crashing thread first.
 */
import type { LogLine } from './text.js';
import type { Crash } from './types.js';
import { cleanFrame } from './frames.js';
import { makeCrash, pickGuilty, signalName } from './user-frames.js';

const DUMPED = /Process (\d+) \((.+?)\) of user \d+ dumped core\.(.*)$/;
const THREAD = /^Stack trace of thread \d+:/;
// `#0  0x00007f2a1c6b3e4d _ZN3fix7Session6onDataEPKcm (libfix.so.2.1 + 0xb3e4d)`; `n/a` without symbols
const FRAME = /^#\d+\s+0x[0-9a-fA-F]+ (\S+) \((.+?)(?: \+ 0x[0-9a-fA-F]+)?\)\s*$/;
// The signal: `Signal: 11 (SEGV)` (coredumpctl), `signal 11/SEGV` (newer systemd-coredump),
// `status=11/SEGV` (the unit's exit).
const SIGNAL = /Signal: (\d+) \(|signal (\d+)\/[A-Z]+|code=dumped, status=(\d+)\/[A-Z]+/;

const REPORT_LINE = /^(?:Module |Found module |Stack trace of thread |#\d+\s+0x[0-9a-fA-F]+ |ELF object )/;

/** The report's own lines: its text after the header, and the indented lines that follow. */
function reportLines(lines: readonly LogLine[], i: number, rest: string): { texts: string[]; end: number } {
  if (rest.includes('#012')) return { texts: rest.split('#012').map((t) => t.trim()), end: i };
  const texts: string[] = [];
  let end = i;
  for (let j = i + 1; j < lines.length && j <= i + 400; j++) {
    const raw = lines[j]!.raw;
    // the journal and coredumpctl indent the rest of the message; pasted, it may have lost that
    if (raw.trim() !== '' && !/^\s/.test(raw) && !REPORT_LINE.test(raw)) break;
    texts.push(raw.trim());
    end = j;
  }
  return { texts, end };
}

function signalNear(lines: readonly LogLine[], from: number, to: number): string | undefined {
  for (let j = Math.max(0, from); j < Math.min(lines.length, to); j++) {
    const m = SIGNAL.exec(lines[j]!.body);
    if (m) return signalName(Number(m[1] ?? m[2] ?? m[3]));
  }
  return undefined;
}

/**
 * Crashes that systemd-coredump recorded, named after the first frame of the crashing thread
 * outside the runtime.
 * @example findCoredumpCrashes(parseLines(journal))[0]?.title // 'SIGSEGV in fix::Session::onData'
 */
export function findCoredumpCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.body;
    if (!body.includes('dumped core.')) continue;
    const m = DUMPED.exec(body);
    if (!m) continue;
    const comm = m[2]!;
    const { texts, end } = reportLines(lines, i, m[3] ?? '');
    const frames: string[] = [];
    let threads = 0;
    for (const t of texts) {
      if (THREAD.test(t) && ++threads > 1) break;
      const f = FRAME.exec(t);
      // a frame without a symbol is named by its module, without the offset that changes per build
      if (f) frames.push(f[1] === 'n/a' ? f[2]! : cleanFrame(f[1]!));
    }
    const signal = signalNear(lines, i - 12, end + 6);
    const guilty = frames.length > 0 ? pickGuilty(frames) : comm;
    out.push(
      makeCrash({
        title: `${signal ?? 'core dumped'} in ${guilty}`,
        kind: 'signal',
        frames,
        guilty: [guilty],
        startLine: i,
        endLine: end,
        numbers: false,
        ...(signal !== undefined ? { signal } : {}),
        message: `process ${m[1]} (${comm}) dumped core`,
      }),
    );
    i = end;
  }
  return out;
}
