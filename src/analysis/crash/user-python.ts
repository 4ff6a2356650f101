/**
 * Python crashes: uncaught exceptions (`Traceback (most recent call last):` … `KeyError: 'x'`, with
 * their chains) and the interpreter's fatal errors that faulthandler dumps (`Fatal Python error:
 * Segmentation fault` and each thread's stack), named after the program's own innermost frame.
 */
import type { LogLine } from './text.js';
import type { Crash } from './types.js';
import { exceptionCrash, makeCrash } from './user-frames.js';

const TRACEBACK = /^\s*Traceback \(most recent call last\):\s*$/;
// `  File "/opt/md/feed.py", line 88, in on_tick`; faulthandler omits the comma: `line 88 in on_tick`.
const FILE = /^\s*File "([^"]+)", line (\d+),? in (\S.*?)\s*$/;
// `KeyError: 'akey'`, `requests.exceptions.ConnectionError: …`, a bare `KeyboardInterrupt`.
const EXCEPTION = /^((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)(?::(?:\s+(.*))?)?\s*$/;
// Between the tracebacks of a chain: an explicit cause (`raise X from Y`) or an exception raised
// while another was handled.
const CAUSE = /^\s*The above exception was the direct cause of the following exception:\s*$/;
const CONTEXT = /^\s*During handling of the above exception, another exception occurred:\s*$/;

const FATAL = /^\s*Fatal Python error: (.+?)\s*$/;
const THREAD = /^\s*(Current thread|Thread) 0x[0-9a-f]+ \(most recent call first\):\s*$/;
const FATAL_SIGNAL: Record<string, string> = {
  'Segmentation fault': 'SIGSEGV',
  Aborted: 'SIGABRT',
  'Bus error': 'SIGBUS',
  'Floating point exception': 'SIGFPE',
  'Illegal instruction': 'SIGILL',
};

interface PyFrame {
  /** `module.function`, the file's name standing for its module. */
  name: string;
  origin: 'app' | 'library' | 'stdlib';
}

interface PyTraceback {
  /** Innermost first. */
  frames: PyFrame[];
  type: string;
  message: string;
  /** How this traceback relates to the one before it in the chain. */
  link: 'cause' | 'context' | 'first';
}

// The interpreter's own library: `/usr/lib/python3.11/…`, `C:\Python39\lib\…`, `<frozen runpy>`,
// unless inside site-packages or dist-packages (third-party libraries).
const STDLIB = /[\\/]lib[\\/]python\d[\d.]*[\\/]|[\\/]python\d*(?:-\d+)?[\\/]lib[\\/]|^<frozen /i;
const THIRD_PARTY = /[\\/](?:site|dist)-packages[\\/]/;

/** `/opt/md/book.py` + `mid` -> `book.mid`; a package's `__init__.py` is named by its directory. */
function pyFrame(file: string, func: string): PyFrame {
  const parts = file.split(/[\\/]/).filter((p) => p !== '');
  let module = (parts.pop() ?? '').replace(/\.pyc?$/, '');
  if (module === '__init__') module = parts.pop() ?? module;
  if (module.startsWith('<')) module = module.replace(/^<frozen /, '').replace(/[<>]/g, '');
  const origin = THIRD_PARTY.test(file) ? 'library' : STDLIB.test(file) ? 'stdlib' : 'app';
  return { name: module ? `${module}.${func}` : func, origin };
}

/** Reads one traceback after its header line; returns it and its last line. */
function readTraceback(lines: readonly LogLine[], start: number, link: PyTraceback['link']): { tb: PyTraceback; end: number } | null {
  const outermostFirst: PyFrame[] = [];
  for (let i = start + 1; i < lines.length && i <= start + 2000; i++) {
    const body = lines[i]!.body;
    const f = FILE.exec(body);
    if (f) {
      outermostFirst.push(pyFrame(f[1]!, f[3]!));
      continue;
    }
    // Source lines and 3.11's `^^^^` markers are indented; so are `[Previous line repeated N more times]`.
    if (/^\s/.test(body) || body === '') continue;
    if (outermostFirst.length === 0) return null;
    const e = EXCEPTION.exec(body);
    if (!e) return null;
    return { tb: { frames: outermostFirst.reverse(), type: e[1]!, message: e[2] ?? '', link }, end: i };
  }
  return null;
}

/** The traceback that names the crash: the last one, or the root of its explicit causes. */
function namingTraceback(chain: readonly PyTraceback[]): number {
  let k = chain.length - 1;
  while (k > 0 && chain[k]!.link === 'cause') k--;
  return k;
}

/** The program's own innermost frame, searched from the naming traceback on; else a library's. */
function guiltyFrame(chain: readonly PyTraceback[], from: number): { frame: PyFrame; tb: PyTraceback } | undefined {
  const order = [...chain.slice(from), ...chain.slice(0, from).reverse()];
  for (const origin of ['app', 'library'] as const) {
    for (const tb of order) {
      const frame = tb.frames.find((f) => f.origin === origin);
      if (frame) return { frame, tb };
    }
  }
  const tb = chain[from]!;
  return tb.frames[0] ? { frame: tb.frames[0], tb } : undefined;
}

function tracebackCrash(lines: readonly LogLine[], start: number): Crash | null {
  const chain: PyTraceback[] = [];
  let link: PyTraceback['link'] = 'first';
  let i = start;
  let end = start;
  for (;;) {
    const r = readTraceback(lines, i, link);
    if (!r) break;
    chain.push(r.tb);
    end = r.end;
    // A chain continues, after a blank line, with a link sentence and the next traceback.
    let j = end + 1;
    while (j < lines.length && lines[j]!.body.trim() === '') j++;
    const sentence = lines[j]?.body ?? '';
    const next = CAUSE.test(sentence) ? 'cause' : CONTEXT.test(sentence) ? 'context' : null;
    if (next === null) break;
    j++;
    while (j < lines.length && lines[j]!.body.trim() === '') j++;
    if (!TRACEBACK.test(lines[j]?.body ?? '')) break;
    link = next;
    i = j;
  }
  if (chain.length === 0) return null;
  const k = namingTraceback(chain);
  const named = chain[k]!;
  const g = guiltyFrame(chain, k);
  return exceptionCrash({
    kind: 'python-exception',
    type: named.type,
    message: named.message,
    frames: (g?.tb ?? named).frames.map((f) => f.name),
    // a frame's name is never empty (pyFrame): '' stands for none
    guilty: g?.frame.name ?? '',
    startLine: start,
    endLine: end,
  });
}

/** faulthandler's dump: the current thread's stack (innermost first already) names the crash. */
function fatalCrash(lines: readonly LogLine[], start: number, what: string): Crash {
  const threads: { current: boolean; frames: PyFrame[] }[] = [];
  let end = start;
  for (let i = start + 1; i < lines.length && i <= start + 400; i++) {
    const body = lines[i]!.body;
    const t = THREAD.exec(body);
    if (t) {
      threads.push({ current: t[1] === 'Current thread', frames: [] });
      end = i;
      continue;
    }
    const f = FILE.exec(body);
    if (f && threads.length > 0) {
      threads[threads.length - 1]!.frames.push(pyFrame(f[1]!, f[3]!));
      end = i;
      continue;
    }
    if (body.trim() === '' || /^\s*<no Python frame>/.test(body)) continue;
    // Before the first thread header come lines such as `Python runtime state: initialized`.
    if (threads.length > 0 || i > start + 5) break;
  }
  const thread = threads.find((t) => t.current) ?? threads[0];
  const frames = thread?.frames ?? [];
  const guilty = frames.find((f) => f.origin === 'app') ?? frames.find((f) => f.origin === 'library') ?? frames[0];
  // Py_FatalError aborts; a fault that faulthandler caught keeps its own signal.
  const signal = FATAL_SIGNAL[what] ?? 'SIGABRT';
  return makeCrash({
    title: guilty ? `Fatal Python error: ${what} in ${guilty.name}` : `Fatal Python error: ${what}`,
    kind: 'signal',
    frames: frames.map((f) => f.name),
    guilty: guilty ? [guilty.name] : [],
    startLine: start,
    endLine: end,
    signal,
  });
}

/**
 * Uncaught Python exceptions and fatal interpreter errors.
 * @example findPythonCrashes(parseLines('Traceback (most recent call last):\n  File "a.py", line 3, in f\nKeyError: 1'))[0]?.title === 'KeyError in a.f'
 */
export function findPythonCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.body;
    if (!body.includes('Traceback') && !body.includes('Fatal Python')) continue;
    let c: Crash | null = null;
    if (TRACEBACK.test(body)) c = tracebackCrash(lines, i);
    else {
      const f = FATAL.exec(body);
      if (f) c = fatalCrash(lines, i, f[1]!);
    }
    if (c) {
      out.push(c);
      i = c.endLine;
    }
  }
  return out;
}
