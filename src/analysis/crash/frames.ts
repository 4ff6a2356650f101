/**
 * Frame-name cleaning shared by all detectors: demangling, dropping offsets, argument lists and
 * compiler clone suffixes, so that the same function has the same name in every build.
 */
import { demangle } from './demangle.js';

// GCC/Clang clone and section suffixes: foo.isra.0, foo.constprop.3, foo.cold, foo.part.1.cold.
const CLONE_SUFFIX = /(?:\.(?:isra|constprop|part|cold|llvm|lto_priv|localalias|specialized)(?:\.\d+)*|\.\d+)+$/;
const OFFSET = /\+0x[0-9a-fA-F]+(?:\/0x[0-9a-fA-F]+)?$/;
const RUST_HASH = /::h[0-9a-f]{16}$/;

/**
 * Cleans one function name: demangles, drops `+0x12/0x340`, ` [module]`, parameter lists,
 * `[abi:cxx11]`, Rust hashes and clone suffixes such as `.isra.0`, `.constprop.3`, `.cold`.
 * @example cleanFrame('do_ipv6_setsockopt.isra.8+0x3c5/0x39d0') === 'do_ipv6_setsockopt'
 */
export function cleanFrame(name: string): string {
  let s = name.trim();
  const mod = s.lastIndexOf(' [');
  if (mod > 0 && s.endsWith(']')) s = s.slice(0, mod);
  s = s.replace(OFFSET, '');
  if (s.startsWith('_Z') || s.startsWith('_R')) {
    // Clone suffixes sit outside the mangled name: `_ZN3foo3barEv.cold`.
    const suffix = CLONE_SUFFIX.exec(s);
    const core = suffix ? s.slice(0, suffix.index) : s;
    s = demangle(core);
  }
  if (s.includes('$')) s = unescapeRustLegacy(s);
  s = stripParams(s);
  s = s.replace(/\[abi:[\w.]+\]/g, '');
  s = s.replace(RUST_HASH, '');
  s = s.replace(CLONE_SUFFIX, '');
  return s.trim();
}

/** Removes a trailing balanced `(…)` argument list (and ` const`), keeping `operator()`. */
function stripParams(s: string): string {
  let t = s.replace(/\s+(?:const|volatile|&&|&)\s*$/, '');
  if (!t.endsWith(')')) return t;
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    const ch = t[i];
    if (ch === ')') depth++;
    else if (ch === '(') {
      depth--;
      if (depth === 0) {
        if (i === 0) return t;
        // `operator()` keeps its own parentheses.
        if (t.slice(0, i).endsWith('operator') && t.slice(i, i + 2) === '()') {
          return i + 2 === t.length ? t : t.slice(0, i + 2);
        }
        t = t.slice(0, i);
        return t.replace(/\s+$/, '');
      }
    }
  }
  return t;
}

/**
 * A set of regex patterns matched anywhere in cleaned frame names, compiled once into one
 * alternation, with answers remembered per name.
 * @example new FramePatterns(['^__asan_', 'kasan']).test('kasan_report') === true
 */
export class FramePatterns {
  private readonly re: RegExp | null;
  // A regex of hundreds of alternatives costs microseconds per name, and the same few thousand
  // function names recur in every report: remember the answers.
  private readonly memo = new Map<string, boolean>();
  constructor(patterns: readonly string[]) {
    this.re = patterns.length > 0 ? new RegExp(patterns.join('|')) : null;
  }
  test(frame: string): boolean {
    let hit = this.memo.get(frame);
    if (hit === undefined) {
      hit = this.re !== null && this.re.test(frame);
      if (this.memo.size >= 100_000) this.memo.clear();
      this.memo.set(frame, hit);
    }
    return hit;
  }
  /** A set made of several pattern lists. */
  static of(...lists: (readonly string[])[]): FramePatterns {
    return new FramePatterns(lists.flat());
  }
}

// Rust's legacy mangling escapes punctuation in paths: `_$u7b$$u7b$closure$u7d$$u7d$`, `$LT$`.
const RUST_ESCAPES: Record<string, string> = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };

/** `Thread::new::_$u7b$$u7b$closure$u7d$$u7d$` -> `Thread::new::{{closure}}`. */
function unescapeRustLegacy(s: string): string {
  return s
    .replace(/\$(SP|BP|RF|LT|GT|LP|RP|C)\$/g, (_m, k: string) => RUST_ESCAPES[k] ?? _m)
    .replace(/\$u([0-9a-f]{2})\$/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\.\./g, '::')
    .replace(/(^|::)_(?=[{<])/g, '$1');
}
