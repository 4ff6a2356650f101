/**
 * Userspace stack frames: parsers for the `#N …` frames of gdb and the sanitizers and for glibc
 * `backtrace_symbols` lines, the list of runtime frames that never name the bug (libc abort
 * path, allocators, sanitizer and language runtimes), and a helper that assembles a Crash.
 */
import { cleanFrame, FramePatterns } from './frames.js';
import { makeSignature, normalizeTitle } from './signature.js';
import type { Crash, CrashKind, CrashOrigin } from './types.js';

/** Frames of the C library, C++/Go/Java/Rust runtimes, allocators and sanitizers. */
export const USER_SKIP: readonly string[] = [
  '^_*(?:asan|msan|tsan|lsan|ubsan|hwasan|sanitizer)_', '^__sanitizer', '^_*interceptor_', '^__interception::',
  '^__(?:asan|msan|tsan|lsan|ubsan|sanitizer)::',
  '^(?:__GI_)?(?:raise|abort|gsignal)$', '^__GI_', '^__pthread_kill', '^pthread_kill', '^__libc_', '^_start$',
  '^__assert_', '^__assert$', '^malloc_printerr$', '^_int_(?:free|malloc|realloc)', '^__(?:libc_)?(?:free|malloc)',
  '^(?:free|malloc|calloc|realloc|cfree|posix_memalign|aligned_alloc|memalign|valloc|pvalloc|strn?dup)$',
  // The C++ standard library asserts on its caller's arguments (`_M_range_check`, `__throw_*`).
  '^operator (?:new|delete)', '^__cxa_', '^__cxxabiv1::', '^__gnu_cxx::', '^std::', '^__fortify_fail', '^__stack_chk_fail',
  '^__chk_fail', '^__(?:mem|str|wmem|wcs)\\w*_(?:avx|sse|evex|erms|unaligned)', '^(?:mem|str|wcs)(?:cpy|move|set|cmp|chr|len|ncpy|ncmp)$',
  '^<signal handler called>$', '^\\?\\?$', '^start_thread$', '^__?clone3?$', '^_Unwind_', '^__restore_rt$',
  '^killpg$', '^__kill$', '^kill$',
  // Go, JVM, .NET and Rust runtimes.
  '^runtime\\.', '^internal/', '^panic$', '^java\\.', '^javax\\.', '^jdk\\.internal\\.', '^sun\\.', '^com\\.sun\\.',
  '^System\\.', '^Microsoft\\.', '^kotlin\\.', '^kotlinx\\.', '^android\\.', '^dalvik\\.', '^com\\.android\\.internal\\.',
  '^core::', '^alloc::', '^<(?:std|core|alloc)::', '(?:^|::)_{0,2}rust_(?:begin_unwind|panic|start_panic)', '^__rust_',
  '^<unknown>$', '^BaseThreadInitThunk$', '^RtlUserThreadStart$',
  // Process exit and allocator wrappers of other libraries (glib, tcmalloc, jemalloc, mimalloc).
  '^__run_exit_handlers$', '^(?:__GI_)?exit$', '^__libc_csu_',
  '^g_(?:try_)?(?:malloc0?|realloc|free|slice_(?:alloc0?|free1))(?:_n|_sized)?$', '^(?:tc|je)_(?:malloc|free|realloc|calloc)', '^tcmalloc::', '^mi_(?:malloc|free)',
  // A frame known only by its module, when the module is the C or C++ runtime.
  '^(?:libc|libpthread|libstdc\\+\\+|libc\\+\\+(?:abi)?|libgcc_s|ld-linux[\\w-]*|ld)(?:[-.][\\w.]*)?\\.so(?:\\.[\\d.]+)?$',
];

// The abort and signal path itself: the last resort for naming a crash is any frame but these.
const PLUMBING = new FramePatterns([
  '^(?:__GI_)?(?:raise|abort|gsignal)$', '^__GI_', '^__pthread_kill', '^pthread_kill', '^__libc_message', '^malloc_printerr$', '^_int_',
  '^__(?:GI___)?fortify_fail', '^__stack_chk_fail', '^__chk_fail', '^\\?\\?$', '^<signal handler called>$', '^__assert', '^<unknown>$',
]);

const SKIP = new FramePatterns(USER_SKIP);

/**
 * True for frames of the runtime or libraries that never name the bug.
 * @example isRuntimeFrame('__GI_abort') && !isRuntimeFrame('parse_order')
 */
export function isRuntimeFrame(name: string): boolean {
  return SKIP.test(name);
}

/**
 * First frame that is not runtime, else the first frame, else `??`.
 * @example pickGuilty(['raise', 'abort', 'Book::erase']) === 'Book::erase'
 */
export function pickGuilty(frames: readonly string[]): string {
  return findGuilty(frames) ?? frames[0] ?? '??';
}

/**
 * First frame that is not runtime; else, when the stack is all runtime (a crash inside the C++
 * library's destructors, say), the first that is not the abort path itself; else undefined.
 * @example findGuilty(['raise', 'abort', '__libc_message']) === undefined
 */
export function findGuilty(frames: readonly string[]): string | undefined {
  for (const f of frames) if (f !== '' && !SKIP.test(f)) return f;
  for (const f of frames) if (f !== '' && !PLUMBING.test(f)) return f;
  return undefined;
}

export interface HashFrame {
  index: number;
  name: string;
  /** `file:line` or module, when given. */
  location?: string;
}

const HASH_FRAME = /^\s*#(\d+)\s+(.*)$/;

/**
 * Parses a `#N` frame line of gdb (`#1  0x… in parse_order (buf=0x0) at main.c:12`), of the
 * sanitizers (`#0 0x4f5a3c in Book::erase(unsigned long) /src/book.cc:42:5`) or of TSan
 * (`#0 worker /src/x.c:10 (prog+0x4b2e1c)`).
 * @example parseHashFrame('#1  0x0 in parse_order (buf=0x0) at main.c:12')?.name === 'parse_order'
 */
export function parseHashFrame(line: string): HashFrame | null {
  const m = HASH_FRAME.exec(line);
  if (!m) return null;
  let rest = m[2]!.trim();
  rest = rest.replace(/\s+\(BuildId: [0-9a-f]+\)$/, '');
  const inAt = /^(?:0x[0-9a-fA-F]+\s+in\s+)/.exec(rest);
  if (inAt) rest = rest.slice(inAt[0].length);
  else if (/^0x[0-9a-fA-F]+\s+\(/.test(rest)) {
    // `#3 0x7f… (/lib/libc.so.6+0x29d8f)`: only a module is known.
    const mod = /\(([^)]+?)\+0x[0-9a-f]+\)/.exec(rest);
    return { index: Number(m[1]), name: '??', ...(mod ? { location: mod[1]! } : {}) };
  } else if (/^0x[0-9a-fA-F]+$/.test(rest)) {
    return { index: Number(m[1]), name: '??' };
  }
  let location: string | undefined;
  // gdb: ` at file.c:12` or ` from /lib/libc.so.6`.
  const at = /\s+(?:at|from)\s+(\S+)$/.exec(rest);
  if (at) {
    location = at[1]!;
    rest = rest.slice(0, at.index);
  } else {
    // sanitizers: trailing ` (module+0xoff)` and/or ` /path/file.cc:42:5`.
    const mod = /\s+\(([^()\s]+?)\+0x[0-9a-f]+\)$/.exec(rest);
    if (mod) {
      location = mod[1]!;
      rest = rest.slice(0, mod.index);
    }
    const file = /\s+(\S+:\d+(?::\d+)?|\S+\.\w+)$/.exec(rest);
    if (file && !/^\(/.test(file[1]!)) {
      location = file[1]!;
      rest = rest.slice(0, file.index);
    }
  }
  // TSan prints `<null>` for an unknown file or function.
  rest = rest.replace(/\s+<null>$/, '');
  if (rest === '<null>') return { index: Number(m[1]), name: '??', ...(location !== undefined ? { location } : {}) };
  // gdb prints arguments after a space: `parse_order (buf=0x0)`; the sanitizers do not.
  rest = rest.replace(/\s+\((?:[^()]|\([^()]*\))*\)$/, '');
  const name = cleanFrame(rest);
  return { index: Number(m[1]), name: name === '' ? '??' : name, ...(location !== undefined ? { location } : {}) };
}

const GLIBC_FRAME = /^\s*(\S+?)(?:\(([^()]*)\))?\s*\[(0x[0-9a-fA-F]+)\]\s*$/;

/**
 * Parses a glibc `backtrace_symbols` line: `./prog(_ZN4Book5eraseEm+0x1a)[0x400b2d]`. A frame
 * without a symbol (`./prog(+0x65f4)[0x…]`, `/lib64/libc.so.6[0x…]`) is named by its module, which
 * unlike the offset is the same in every build.
 * @example parseGlibcFrame('./prog(parse+0x1a)[0x400b2d]') === 'parse'
 */
export function parseGlibcFrame(line: string): string | null {
  const m = GLIBC_FRAME.exec(line);
  if (!m) return null;
  const sym = (m[2] ?? '').replace(/\+0x[0-9a-fA-F]+$/, '');
  if (sym !== '') return cleanFrame(sym);
  const module = m[1]!.split('/').pop() ?? '';
  return module === '' ? '??' : module;
}

export interface CrashInput {
  title: string;
  kind: CrashKind;
  origin?: CrashOrigin;
  frames: string[];
  /** Frames named in the title (the signature's readable part). */
  guilty: string[];
  startLine: number;
  endLine: number;
  signal?: string;
  address?: string;
  message?: string;
  /** Replace standalone numbers in the title by NUM (default true). */
  numbers?: boolean;
}

/**
 * Assembles a Crash with a normalised title and its signature.
 * @example makeCrash({ title: 'SIGSEGV in f', kind: 'signal', frames: ['f'], guilty: ['f'], startLine: 0, endLine: 3 })
 */
export function makeCrash(input: CrashInput): Crash {
  const title = normalizeTitle(input.title, { numbers: input.numbers ?? true });
  const shown = normalizeTitle(input.title, { numbers: false });
  const crash: Crash = {
    title,
    kind: input.kind,
    origin: input.origin ?? 'user',
    signature: makeSignature(input.kind, title, input.guilty),
    frames: input.frames.slice(0, 64),
    startLine: input.startLine,
    endLine: input.endLine,
  };
  if (shown !== title) crash.displayTitle = shown;
  if (input.signal !== undefined) crash.signal = input.signal;
  if (input.address !== undefined) crash.address = input.address;
  if (input.message !== undefined && input.message !== '') crash.message = input.message;
  return crash;
}

/**
 * An uncaught or logged exception of a managed runtime (Java, .NET, JavaScript, Python): titled
 * `Type in guilty`, the type alone when no frame names it (`guilty` empty).
 * @example exceptionCrash({ kind: 'java-exception', type: 'java.io.IOException', message: 'x', frames: ['a.B.c'], guilty: 'a.B.c', startLine: 0, endLine: 1 }).title
 */
export function exceptionCrash(e: { kind: CrashKind; type: string; message: string; frames: string[]; guilty: string; startLine: number; endLine: number }): Crash {
  const { guilty } = e;
  return makeCrash({
    title: guilty ? `${e.type} in ${guilty}` : e.type,
    kind: e.kind,
    frames: e.frames,
    guilty: guilty ? [guilty] : [],
    startLine: e.startLine,
    endLine: e.endLine,
    message: e.message,
  });
}

/**
 * Maps a signal number or name to its POSIX name.
 * @example signalName(11) === 'SIGSEGV'
 */
export function signalName(sig: string | number): string {
  const names: Record<number, string> = {
    4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM',
  };
  if (typeof sig === 'number') return names[sig] ?? `signal ${sig}`;
  return /^\d+$/.test(sig) ? signalName(Number(sig)) : sig.toUpperCase();
}
