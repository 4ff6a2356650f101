/**
 * Per-file format detection: every family parses the sampled lines and the one that finds a header
 * on the most lines wins. Ties go to the family that also finds a level on most lines (an Apache
 * error log is also valid `dmesg -T`), then to the more specific family. A container runtime's log
 * (Docker json-file, CRI) is then read through its wrapper, its inner lines detected the same way.
 */
import { containerParser } from './container.js';
import type { Family, FamilyParser } from './family.js';
import { journalFamily } from './journal.js';
import { fixFamily } from './fix.js';
import { jsonFamily } from './json.js';
import { kernelFamily } from './kernel.js';
import { logfmtFamily } from './logfmt.js';
import { leveledPlainParser } from './plain.js';
import { syslogFamily } from './syslog.js';
import { textFamily } from './text.js';
import type { LogFormat } from './types.js';

/**
 * Most specific first: the order breaks ties.
 * @example FAMILIES.map((f) => f.name) // ['journal', 'json', 'fix', 'logfmt', 'syslog', 'kernel', 'text']
 */
export const FAMILIES: readonly Family[] = [journalFamily, jsonFamily, fixFamily, logfmtFamily, syslogFamily, kernelFamily, textFamily];

export interface FormatScore {
  format: LogFormat;
  /** Sampled lines with a header of this family. */
  parsed: number;
  /** Of those, lines where a level was found. */
  leveled: number;
}

export interface Detection {
  format: LogFormat;
  /** Parser for the rest of the file (for `plain`, null, or one reading the level that leads each line). */
  parser: FamilyParser | null;
  /** Scores of the families tried, in order (the ones after a family no other can beat are not tried). */
  scores: FormatScore[];
}

/**
 * Picks the format of a file from its first lines, or prepares the forced one.
 * @example detectFormat(['Nov 26 10:27:35 host sshd[1]: Accepted']).format === 'syslog'
 */
export function detectFormat(sample: readonly string[], forced?: LogFormat): Detection {
  const known = detections.get(sample);
  const hit = known?.get(forced ?? AUTO);
  if (hit !== undefined) return hit;
  const d = detectFamily(sample, forced);
  // A container runtime's log wraps an application's lines: the level and message are theirs.
  if (d.parser !== null && (d.format === 'json' || d.format === 'text')) d.parser = containerParser(sample, d.parser, innerParser);
  const bySample = known ?? new Map<string, Detection>();
  detections.set(sample, bySample);
  bySample.set(forced ?? AUTO, d);
  // The format found, forced, is prepared the same way from the same lines: the same parser.
  if (forced === undefined) bySample.set(d.format, d);
  return d;
}

/**
 * Detections by sample and forced format. A timeline plans, seeks and reads a file with the same
 * sample array: the text family learns its profile from it once per thread, not three times (a
 * tenth of a small window's time). The parsers keep no state from line to line that changes an
 * answer (a plan cache, a reused scan), so one may serve each use in turn.
 */
const detections = new WeakMap<readonly string[], Map<string, Detection>>();
const AUTO = 'auto';

/** The inner lines of a container log are an application's: detected the same way, but not unwrapped again. */
const innerParser = (inner: readonly string[]): FamilyParser | null => detectFamily(inner).parser;

function detectFamily(sample: readonly string[], forced?: LogFormat): Detection {
  if (forced === 'plain') return { format: 'plain', parser: null, scores: [] };
  if (forced !== undefined) {
    const family = FAMILIES.find((f) => f.name === forced);
    if (family) return { format: forced, parser: family.prepare(sample), scores: [] };
  }
  let best: { score: FormatScore; parser: FamilyParser; rank: number } | null = null;
  const scores: FormatScore[] = [];
  // The best rank there can be: a header and a level on every line. A family that reaches it
  // wins whatever the later (less specific) ones find, so they are not tried: detection is a fair
  // share of a short query's time, most of it in the general text grammar tried last.
  const top = sample.length * 2 + 1;
  for (const family of FAMILIES) {
    const parser = family.prepare(sample);
    const score: FormatScore = { format: family.name, parsed: 0, leveled: 0 };
    // An ISO time and words without a tag (`2025-03-12T10:00:01Z order 4411 rejected`) reads as
    // rsyslog's format with the first word as host, but any application writes such lines: they
    // count for syslog only beside lines that have a tag (rsyslog's `last message repeated` has none).
    let untagged = 0;
    // Text lines a JSON file carries (kubectl logs) count for JSON only where JSON lines are the most.
    let textInJson = 0;
    for (const line of sample) {
      const r = parser.parse(line);
      if (r === null || r === 'malformed') continue;
      if (r.dialect === 'rfc3339' && r.process === undefined && r.extra?.facility === undefined) {
        untagged++;
        continue;
      }
      if (family.name === 'json' && r.dialect !== 'json') {
        textInJson++;
        continue;
      }
      score.parsed++;
      if (r.level !== null) score.leveled++;
    }
    if (score.parsed > 0) score.parsed += untagged;
    if (score.parsed >= textInJson) score.parsed += textInJson;
    scores.push(score);
    if (score.parsed === 0) continue;
    // Header count first, then "has levels" (on a majority of its lines); an exact tie keeps the
    // earlier, more specific family.
    const rank = score.parsed * 2 + (score.leveled * 2 > score.parsed ? 1 : 0);
    if (!best || rank > best.rank) best = { score, parser, rank };
    if (rank >= top) break;
  }
  const chosen = best as { score: FormatScore; parser: FamilyParser } | null;
  if (!chosen) return { format: 'plain', parser: leveledPlainParser(sample), scores };
  return { format: chosen.score.format, parser: chosen.parser, scores };
}
