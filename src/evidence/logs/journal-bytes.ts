/**
 * skimJournal (journal.ts) over a block's bytes, by the native addon (native/skim.c): the same
 * entries counted, with the same last time and back-in-time count, for entries whose every key and
 * value is a plain ASCII string (journalctl writes most so); any other entry ends the run and is
 * read as usual. It saves decoding each entry and matching its fields' pattern.
 */
import type { ByteSkimmer } from './family.js';
import { syslogSeverity } from './levels.js';
import { nativeFunction } from './native.js';

// native/skim.c's skimJournal io slots.
const [FROM, COUNT, MAX, FIRST, QUIET, BACK, LAST, SLOTS] = [0, 1, 2, 3, 4, 5, 6, 7] as const;
const io = new Float64Array(SLOTS);

// The priorities (bits 0-7) a chooser does not want, for the last chooser asked about.
let quietFor: object | null = null;
let quiet = 0;

const skimmer = nativeFunction('skimJournal');

/**
 * The ByteSkimmer of journal entries where the addon is loaded (else undefined: skimJournal reads the
 * lines), `keys` being journal.ts QUICK_KEYS: the received and source times, the priority, the message.
 * @example journalByteSkimmer(QUICK_KEYS)?.(block.bytes, starts, 0, count, flags, 65536, chooser, lastNs, out)
 */
export function journalByteSkimmer(keys: readonly string[]): ByteSkimmer | undefined {
  if (skimmer === undefined) return undefined;
  // Each key a length byte, then its bytes (ASCII).
  const spec = Uint8Array.from(keys.flatMap((k) => [k.length, ...Buffer.from(k, 'latin1')]));
  return (bytes, starts, from, count, flags, maxLength, chooser, prevNs, out) => {
    if (quietFor !== chooser) {
      quietFor = chooser;
      quiet = 0;
      for (let p = 0; p <= 7; p++) {
        const level = syslogSeverity(p);
        if (level !== null && !chooser.severe(level)) quiet |= 1 << p;
      }
    }
    // The first entry is back in time when its µs × 1000 < prevNs: below prevNs / 1000 rounded up.
    let first = prevNs / 1000n;
    if (prevNs > 0n && prevNs % 1000n !== 0n) first += 1n;
    io[FROM] = from;
    io[COUNT] = count;
    io[MAX] = maxLength;
    io[FIRST] = Number(first);
    io[QUIET] = quiet;
    const n = skimmer(bytes, starts, flags, spec, io);
    if (n === 0) return 0;
    out.last = { kind: 'epoch', ns: BigInt(io[LAST] as number) * 1000n, digits: 6 };
    out.back = io[BACK] as number;
    return n;
  };
}
