/**
 * Rust panics of userspace programs: `thread 'main' panicked at src/main.rs:14:5:` and the message
 * on the next line (Rust 1.73+), or `panicked at 'msg', src/main.rs:14:5` before, with the
 * `stack backtrace:` that RUST_BACKTRACE adds; and the runtime's `fatal runtime error:` aborts.
 */
import type { LogLine } from './text.js';
import type { Crash } from './types.js';
import { cleanFrame } from './frames.js';
import { findGuilty, makeCrash } from './user-frames.js';

// Rust 1.89+ adds the thread id: `thread 'main' (4242) panicked at …`.
const PANIC = /^\s*thread '([^']*)'(?: \(\d+\))? panicked at (.+?)\s*$/;
const OLD_PLACE = /^'(.*)', (\S+?):\d+(?::\d+)?$/;
const NEW_PLACE = /^(\S+?):\d+(?::\d+)?:$/;
const BACKTRACE = /^\s*stack backtrace:\s*$/;
// `   3: pricer::leg_price`, or with RUST_BACKTRACE=full `  13:     0x55b5b74ce13c - diss::run::h1b92…`
const FRAME = /^\s*\d+:\s+(?:0x[0-9a-fA-F]+ - )?(\S.*?)\s*$/;
const AT = /^\s+at \S/;
const FATAL = /^\s*fatal runtime error: (.+?)\s*$/;

/** `called \`Result::unwrap()\` on an \`Err\` value: Os { … }` -> the part before the details. */
function panicClass(message: string): string {
  const m = message.trim();
  const colon = m.indexOf(': ');
  return (colon > 0 ? m.slice(0, colon) : m).replace(/\.$/, '');
}

/** `C:\src\main.rs` or `/root/.cargo/registry/…/diss-0.3.2/src/lib.rs` -> its last two parts. */
function shortPath(path: string): string {
  return path.split(/[\\/]/).filter((p) => p !== '' && p !== '.').slice(-2).join('/');
}

function readBacktrace(lines: readonly LogLine[], from: number): { frames: string[]; end: number } {
  const frames: string[] = [];
  let end = from;
  for (let i = from + 1; i < lines.length && i <= from + 500; i++) {
    const body = lines[i]!.body;
    if (AT.test(body)) {
      end = i;
      continue;
    }
    const f = FRAME.exec(body);
    if (!f) break;
    frames.push(cleanFrame(f[1]!));
    end = i;
  }
  return { frames, end };
}

function panicCrash(lines: readonly LogLine[], i: number, place: string): Crash | null {
  let message: string;
  let file: string;
  let end = i;
  const old = OLD_PLACE.exec(place);
  if (old) {
    message = old[1]!;
    file = old[2]!;
  } else {
    const now = NEW_PLACE.exec(place);
    if (!now) return null;
    file = now[1]!;
    message = lines[i + 1]?.body ?? '';
    end = i + 1;
  }
  let frames: string[] = [];
  for (let j = end + 1; j < lines.length && j <= end + 3; j++) {
    const body = lines[j]!.body;
    if (/^\s*note: /.test(body)) {
      end = j;
      continue;
    }
    if (BACKTRACE.test(body)) {
      const bt = readBacktrace(lines, j);
      frames = bt.frames;
      end = bt.end;
      if (/^\s*note: /.test(lines[end + 1]?.body ?? '')) end++;
    }
    break;
  }
  const guilty = findGuilty(frames);
  const where = guilty ?? shortPath(file);
  return makeCrash({
    title: `Rust panic: ${panicClass(message)} in ${where}`,
    kind: 'rust-panic',
    frames,
    guilty: [where],
    startLine: i,
    endLine: end,
    message: message.trim(),
  });
}

/**
 * Panics and fatal runtime errors of Rust programs.
 * @example findRustCrashes(parseLines("thread 'main' panicked at src/main.rs:2:5:\nexplicit panic"))[0]?.title === 'Rust panic: explicit panic in src/main.rs'
 */
export function findRustCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.body;
    if (!body.includes('panicked at') && !body.includes('fatal runtime error')) continue;
    const p = PANIC.exec(body);
    let c: Crash | null = null;
    if (p) c = panicCrash(lines, i, p[2]!);
    else {
      const f = FATAL.exec(body);
      // `thread 'main' has overflowed its stack` comes first; the runtime aborts right after.
      if (f) {
        c = makeCrash({ title: `Rust fatal runtime error: ${f[1]}`, kind: 'rust-panic', frames: [], guilty: [], startLine: i, endLine: i, signal: 'SIGABRT' });
      }
    }
    if (c) {
      out.push(c);
      i = c.endLine;
    }
  }
  return out;
}
