/**
 * Compiler sanitizer reports of userspace programs: AddressSanitizer (and HWASan), MemorySanitizer,
 * ThreadSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer, titled like
 * `AddressSanitizer: heap-use-after-free in Book::erase`.
 */
import type { LogLine } from './text.js';
import type { Crash, CrashKind } from './types.js';
import { findGuilty, isRuntimeFrame, makeCrash, parseHashFrame, pickGuilty } from './user-frames.js';

// `==12345==ERROR: AddressSanitizer: …`, `==7==WARNING: MemorySanitizer: …`, `WARNING: ThreadSanitizer: …`;
// pasted reports may have lost the pid prefix or gained indentation.
const HEADER =
  /^\s*(?:==\d+==\s*)?(?:ERROR|WARNING): ((?:HW)?AddressSanitizer|MemorySanitizer|ThreadSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer): (.+?)\s*$/;
// Frames of the sanitizer runtime itself (interceptors such as `__interceptor_memcpy`, macOS
// `wrap_memcpy`, TSan's `free`), known by the module or source file they come from.
const RUNTIME_LOCATION = /(?:^|\/)lib(?:clang_rt\.)?(?:h?w?asan|tsan|msan|lsan|ubsan)[\w.-]*(?:\.so|\.dylib|\.a)|\/libsanitizer\/|\/compiler-rt\/lib\//;
const UBSAN_RUNTIME = /^(\S+?):(\d+):(?:\d+:)? runtime error: (.+)$/;
const SUMMARY = /^\s*SUMMARY: \w*Sanitizer:/;
const ENDS = /^==\d+==ABORTING|^={10,}$/;

const KINDS: Record<string, CrashKind> = {
  AddressSanitizer: 'asan',
  HWAddressSanitizer: 'asan',
  MemorySanitizer: 'msan',
  ThreadSanitizer: 'tsan',
  LeakSanitizer: 'lsan',
  UndefinedBehaviorSanitizer: 'ubsan',
};

/** `heap-use-after-free on address 0x… at pc …` -> `heap-use-after-free`; keeps multi-word classes. */
function bugClass(text: string): string {
  return text
    .replace(/\s*\(pid=\d+\)\s*$/, '')
    .replace(/\s+(?:on|at) (?:unknown )?address\b.*$/, '')
    .replace(/\s+on 0x[0-9a-f]+.*$/, '')
    .replace(/\s+in thread T\d+.*$/, '')
    .replace(/\s+\(pc 0x.*$/, '')
    .trim();
}

const SIGNAL_OF: Record<string, string> = { SEGV: 'SIGSEGV', BUS: 'SIGBUS', FPE: 'SIGFPE', ILL: 'SIGILL', ABRT: 'SIGABRT' };

/** Frames of the first `#0 …` stack after line `from`, and where the report ends. */
function firstStack(lines: readonly LogLine[], from: number, limit: number): { frames: string[]; modules: string[]; end: number } {
  const frames: string[] = [];
  // Modules of the frames that have no symbol (`#0 0x76d18550a7  (/data/app/…/libfoo.so+0x68d0a7)`).
  const modules: string[] = [];
  let end = from;
  let inStack = false;
  for (let i = from + 1; i < lines.length && i <= from + limit; i++) {
    const body = lines[i]!.body;
    if (SUMMARY.test(body) || ENDS.test(body.trim())) {
      end = i;
      if (SUMMARY.test(body)) break;
      continue;
    }
    const f = body.trimStart().startsWith('#') ? parseHashFrame(body) : null;
    if (f) {
      if (f.index === 0 && inStack && frames.length > 0) {
        // A second stack (allocation, free, previous access) belongs to the same report.
        inStack = false;
      }
      if (f.index === 0 && frames.length === 0) inStack = true;
      // The runtime's own frames on top of the stack are how the report was made, not the bug.
      const runtimeTop = frames.length === 0 && f.location !== undefined && RUNTIME_LOCATION.test(f.location);
      if (inStack && !runtimeTop) {
        frames.push(f.name);
        if (f.name === '??' && f.location !== undefined) modules.push(f.location.split('/').pop()!.replace(/:.*$/, ''));
      }
      end = i;
      continue;
    }
    if (inStack && frames.length > 0) inStack = false;
    if (HEADER.test(body)) break;
    end = i;
  }
  return { frames, modules, end };
}

/** The first frame outside the runtime; in a stack without symbols, the first module outside it. */
function sanitizerGuilty(frames: readonly string[], modules: readonly string[]): string {
  return findGuilty(frames.filter((f) => f !== '??')) ?? modules.find((m) => !isRuntimeFrame(m)) ?? (frames.length > 0 ? pickGuilty(frames) : '');
}

function report(lines: readonly LogLine[], i: number, tool: string, detail: string): Crash {
  const kind = KINDS[tool] ?? 'asan';
  const cls = bugClass(detail);
  const { frames, modules, end } = firstStack(lines, i, 400);
  const guilty = sanitizerGuilty(frames, modules);
  const addr = /(?:address|on) (0x[0-9a-f]+)/.exec(detail);
  const sig = SIGNAL_OF[cls.split(' ')[0]!];
  return makeCrash({
    title: guilty ? `${tool}: ${cls} in ${guilty}` : `${tool}: ${cls}`,
    kind,
    frames,
    guilty: guilty ? [guilty] : [],
    startLine: i,
    endLine: end,
    ...(sig !== undefined ? { signal: sig } : {}),
    ...(addr ? { address: addr[1]! } : {}),
  });
}

function runtimeError(lines: readonly LogLine[], i: number, m: RegExpExecArray): Crash {
  // `signed integer overflow: 2147483647 + 1 cannot be represented…` -> `signed integer overflow`.
  const msg = m[3]!;
  const cls = msg.includes(': ') ? msg.slice(0, msg.indexOf(': ')) : msg;
  const { frames, modules, end } = firstStack(lines, i, 60);
  const file = m[1]!.split('/').pop() ?? m[1]!;
  const guilty = sanitizerGuilty(frames, modules) || file;
  return makeCrash({
    title: `UndefinedBehaviorSanitizer: ${cls} in ${guilty}`,
    kind: 'ubsan',
    frames,
    guilty: [guilty],
    startLine: i,
    endLine: frames.length > 0 ? end : i,
    message: msg,
  });
}

/**
 * All sanitizer reports in the lines.
 * @example findSanitizerCrashes(parseLines(asanOutput))[0]?.kind === 'asan'
 */
export function findSanitizerCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.body;
    if (!body.includes('Sanitizer') && !body.includes('runtime error:')) continue;
    const h = HEADER.exec(body);
    if (h) {
      const c = report(lines, i, h[1]!, h[2]!);
      out.push(c);
      i = c.endLine;
      continue;
    }
    const u = UBSAN_RUNTIME.exec(body);
    if (u) {
      const c = runtimeError(lines, i, u);
      out.push(c);
      i = c.endLine;
    }
  }
  return out;
}
