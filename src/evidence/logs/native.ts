/**
 * The optional native addon (native/*.c, built on `npm ci` by native/build.js where a C
 * compiler and Node's headers are): null when it was not built or does not load here. Whatever it
 * offers has a portable twin giving the same answers (the tests hold the two to that), which
 * PFA_NATIVE=0 in the environment makes pfa use instead (see {@link nativeWanted}).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The prescan's flags of each line of `bytes` (split on `\n`: newlines + 1) into `out` (at least
 * bytes.length + 1 long), and how many; `tables` laid out as the wasm module's memory below its input.
 */
export type NativePrescan = (tables: Uint8Array, bytes: Uint8Array, out: Uint8Array) => number;

/**
 * Where each line of `bytes` (split on `\n`) starts, into `starts` (at least newlines + 2 long: line
 * i is [starts[i], starts[i + 1] - 1)), and how many lines.
 */
export type NativeLineStarts = (bytes: Uint8Array, starts: Int32Array) => number;

/**
 * jsonflat.ts's skimFlat over a block's bytes (native/skim.c; jsonflat-bytes.ts lays out `spec`,
 * `words` and `io`): how many lines from io's first on it counts.
 */
export type NativeSkimFlat = (bytes: Uint8Array, starts: Int32Array, flags: Uint8Array, spec: Uint8Array, words: Uint8Array, io: Float64Array) => number;

/**
 * memo.ts QuickMemo.skim over a block's bytes (native/skim.c; memo.ts lays out `key`, `zones` and
 * `io`): how many lines from io's first on are the remembered key at another second of its minute.
 */
export type NativeSkimText = (bytes: Uint8Array, starts: Int32Array, flags: Uint8Array, key: Uint8Array, zones: Uint8Array, io: Float64Array) => number;

/**
 * journal.ts skimJournal over a block's bytes (native/skim.c; journal-bytes.ts lays out `keys` and
 * `io`): how many entries from io's first on it counts.
 */
export type NativeSkimJournal = (bytes: Uint8Array, starts: Int32Array, flags: Uint8Array, keys: Uint8Array, io: Float64Array) => number;

/**
 * Template mining's pass over lines io[0] … io[0] + io[1] - 1 of a chunk (native/templates.c;
 * analysis/templates/layouts.ts lays out `table`, `patterns` and `endsAt` and reads `out`).
 */
export type NativeTemplateLines = (
  bytes: Uint8Array,
  starts: Int32Array,
  io: Int32Array,
  classes: Uint8Array,
  table: Int32Array,
  patterns: Uint8Array,
  endsAt: Uint8Array,
  out: Int32Array,
) => number;

export interface NativeAddon {
  /** x86-64 with SSSE3 only. */
  prescan?: NativePrescan;
  lineStarts?: NativeLineStarts;
  skimFlat?: NativeSkimFlat;
  skimText?: NativeSkimText;
  skimJournal?: NativeSkimJournal;
  templateLines?: NativeTemplateLines;
}

// From src/evidence/logs or dist/evidence/logs (three folders below the package), or dist/bundle (two).
const CANDIDATES = ['../../../build/Release/pfa_native.node', '../../build/Release/pfa_native.node'];

let loaded: NativeAddon | null | undefined;

/**
 * The addon, loaded once per thread.
 * @example nativeAddon()?.prescan !== undefined // true where it was built (x86-64)
 */
export function nativeAddon(): NativeAddon | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  for (const rel of CANDIDATES) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol !== 'file:' || !existsSync(url)) continue;
    try {
      loaded = createRequire(import.meta.url)(fileURLToPath(url)) as NativeAddon;
    } catch {
      // Built for another Node or machine: the portable paths serve.
      loaded = null;
    }
    break;
  }
  return loaded;
}

/**
 * Whether pfa's own choice falls on the addon where it has one: not with PFA_NATIVE=0 (to compare
 * the portable paths, or to rule the addon out).
 * @example nativeWanted() // true unless PFA_NATIVE=0
 */
export const nativeWanted = (): boolean => process.env.PFA_NATIVE !== '0';

/**
 * The addon's function `name` where pfa's own choice falls on it (loaded, and not PFA_NATIVE=0);
 * undefined where the portable twin is to serve.
 * @example const skimmer = nativeFunction('skimFlat'); // undefined off the addon
 */
export function nativeFunction<K extends keyof NativeAddon>(name: K): NativeAddon[K] | undefined {
  return nativeWanted() ? nativeAddon()?.[name] : undefined;
}
