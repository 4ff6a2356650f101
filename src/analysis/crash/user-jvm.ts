/**
 * The JVM's own fatal error banner (`# A fatal error has been detected by the Java Runtime
 * Environment:`), printed to stdout and to hs_err_pid*.log: a native crash inside the JVM process.
 */
import type { LogLine } from './text.js';
import type { Crash } from './types.js';
import { cleanFrame } from './frames.js';
import { makeCrash, signalName } from './user-frames.js';

const BANNER = /^#\s*A fatal error has been detected by the Java Runtime Environment/;
const SIGNAL = /^#\s+(SIG[A-Z]+|EXCEPTION_[A-Z_]+) \(0x[0-9a-f]+\) at pc=(0x[0-9a-fA-F]+)/;
// `#  Internal Error (g1ConcurrentMark.cpp:1234), pid=…` and `#  Out of Memory Error (os_linux.cpp:…)`
const ERROR = /^#\s+((?:Internal|Out of Memory) Error) \(([^)]*?)(?::\d+)?\)/;
// `# C  [libmdfeed.so+0x1e5a]  Java_com_acme_Native_decode+0x3a`, `# V  [libjvm.so+0x9c3e1a]  G1Foo::bar()+0x1a`,
// `# J 1234 c2 com.acme.Book.apply(J)V (45 bytes) @ 0x…`, `# j  com.acme.Book.apply(J)V+12`
const FRAME = /^#\s+([CVJjv])\s+(?:\[([^\]+]+)[^\]]*\]\s*(\S.*?)?|(?:\d+\s+\w+\s+)?([\w$.]+)\(.*)$/;

/** The function of the problematic frame, its module when it has no symbol. */
function problematic(line: string): string | undefined {
  const m = FRAME.exec(line);
  if (!m) return undefined;
  if (m[4] !== undefined) return m[4];
  const sym = m[3]?.replace(/\+0x[0-9a-fA-F]+$/, '').trim();
  return sym ? cleanFrame(sym) : m[2];
}

/**
 * JVM fatal errors: `SIGSEGV in Java_com_acme_md_Native_decode`, with the pc as the address.
 * @example findJvmCrashes(parseLines(hsErrBanner))[0]?.title
 */
export function findJvmCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!BANNER.test(lines[i]!.body)) continue;
    let signal: string | undefined;
    let address: string | undefined;
    let error: string | undefined;
    let frame: string | undefined;
    let end = i;
    for (let j = i + 1; j < lines.length && j <= i + 30 && lines[j]!.body.startsWith('#'); j++) {
      const body = lines[j]!.body;
      end = j;
      const s = SIGNAL.exec(body);
      if (s) {
        signal = s[1]!.startsWith('SIG') ? signalName(s[1]!) : s[1]!;
        address = s[2]!;
      }
      const e = ERROR.exec(body);
      if (e) error = `${e[1]} in ${e[2]}`;
      if (/^#\s*Problematic frame:/.test(body) && lines[j + 1]) frame = problematic(lines[j + 1]!.body);
    }
    const where = frame ?? 'the JVM';
    out.push(
      makeCrash({
        title: signal !== undefined ? `${signal} in ${where}` : `JVM ${error ?? 'fatal error'}${frame ? ` in ${frame}` : ''}`,
        kind: 'signal',
        frames: frame ? [frame] : [],
        guilty: frame ? [frame] : [],
        startLine: i,
        endLine: end,
        // Library names carry versions (`ld-linux-x86-64.so.2`) that are part of the identity.
        numbers: false,
        ...(signal !== undefined ? { signal } : {}),
        ...(address !== undefined ? { address } : {}),
      }),
    );
    i = end;
  }
  return out;
}
