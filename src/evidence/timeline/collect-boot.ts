/**
 * Raw dmesg files read without `--boot-time` have boot-relative times only. When other evidence holds
 * kernel lines with both an absolute time and their printk stamp (syslog's `kernel: [ 1234.567890] …`,
 * the journal's kernel entries), the boot instant follows from them (boot-anchor.ts) and those files
 * are read again with it. A kernel line both sources hold is kept once: from the anchoring source,
 * unless its time there is coarser (whole seconds) than the placement on the kernel's clock.
 */
import { basename } from 'node:path';
import { formatDuration, formatTimestamp, fractionDigits } from '../../shared/time.js';
import { readSelected, streamLogFile } from '../logs/index.js';
import { chooseBoot, lineKey, type Anchor } from './boot-anchor.js';
import type { CollectOptions, SourceEvents } from './collect.js';
import type { TimelineEvent } from './event.js';
import { collectLogExhaustive, parseOptions, planLog, readStart, SEEK_SLACK } from './collect-log.js';
import { withoutSpill } from './spool.js';

/** Sources whose records may carry both times. */
const ANCHOR_FORMATS = new Set(['syslog', 'journal']);
/** Enough anchors for a robust median; more only cost time. */
const MAX_ANCHORS = 10_000;

/**
 * Replaces, in `sources` (one per file of `files`), each log source with boot-relative lines by the
 * same file read with the boot instant the other sources anchor, when they do.
 * @example await placeRelative(files, sources, options);
 */
export async function placeRelative(files: { file: string; kind: 'log' | 'fix' }[], sources: SourceEvents[], o: CollectOptions): Promise<void> {
  if (o.bootTime) return;
  const relative = files.map((_, i) => i).filter((i) => (sources[i]?.relative ?? 0) > 0);
  if (!relative.length) return;
  const anchorFiles = files.filter((f, i) => f.kind === 'log' && !relative.includes(i) && ANCHOR_FORMATS.has(sources[i]?.stats.format ?? ''));
  const anchors: Anchor[] = [];
  for (const f of anchorFiles) anchors.push(...(await kernelAnchors(f.file, o, MAX_ANCHORS - anchors.length)));
  if (!anchors.length) return;
  for (const i of relative) {
    const f = files[i] as { file: string };
    const estimate = chooseBoot(anchors, await relativeLines(f.file, o));
    if (!estimate) continue;
    const bootTime = formatTimestamp(estimate.bootNs, 6);
    // Read with its events in memory: each is given the boot time below (a dmesg file is a ring buffer's worth).
    const placed = await collectLogExhaustive(f.file, { ...withoutSpill(o), bootTime });
    const from = estimate.files.map((x) => basename(x)).join(', ');
    // The same kernel line read from both files is one event: the anchoring source's, which has its
    // own time — unless that time is coarser than the placement (syslog's whole seconds): then the
    // kernel's clock decides, so that the lines of one boot keep their order and spacing.
    const fine = new Set<string>();
    const coarse = new Set<string>();
    for (const s of sources) for (const e of s.events) if (typeof e.metadata.boot_offset === 'string') (isCoarse(e) ? coarse : fine).add(kernelLine(e));
    const events = placed.events.filter((e) => !fine.has(kernelLine(e)));
    // The anchors' host is the dmesg file's (they share its boot); each time is as good as the boot's.
    const hosts = new Set(anchors.filter((a) => estimate.files.includes(a.file) && a.host).map((a) => a.host));
    const host = hosts.size === 1 ? [...hosts][0] : undefined;
    const uncertainty = `±${formatDuration(estimate.precisionNs)}`;
    for (const e of events) {
      Object.assign(e.metadata, { boot_time: bootTime, boot_time_from: from, time_uncertainty: uncertainty });
      if (host && (e.metadata.host === null || e.metadata.host === undefined)) e.metadata.host = host;
    }
    const dropped = placed.events.length - events.length;
    const here = new Set(events.map(kernelLine).filter((k) => coarse.has(k)));
    if (here.size) {
      sources.forEach((s, j) => {
        if (j === i) return;
        const kept = s.events.filter((e) => typeof e.metadata.boot_offset !== 'string' || !isCoarse(e) || !here.has(kernelLine(e)));
        if (kept.length === s.events.length) return;
        const moved = s.events.length - kept.length;
        s.events = kept;
        s.stats = { ...s.stats, events: s.stats.events - moved, notes: [...s.stats.notes, `${count(moved, 'kernel event')} also in ${basename(f.file)} kept from there, on the kernel's clock (whole seconds here)`] };
      });
    }
    const note =
      `boot-relative times placed with boot time ${bootTime} (± ${formatDuration(estimate.precisionNs)}), estimated from ${count(estimate.anchors, 'kernel line')} of ${from} that carry both times` +
      (estimate.matched ? ` (${estimate.matched} of them also in this file)` : ' (none of them in this file: assumed to be the same boot)') +
      (estimate.boots > 1 ? `; the anchors span ${estimate.boots} boots` : '') +
      (dropped ? `; ${count(dropped, 'event')} also in ${from} kept from there` : '') +
      (here.size ? `; ${count(here.size, 'event')} also in ${from} kept from here, whose times there are whole seconds` : '');
    sources[i] = { events, stats: { ...placed.stats, events: events.length, notes: [note, ...placed.stats.notes] } };
  }
}

/** An anchoring copy whose time is coarser than microseconds (syslog's whole seconds). */
const isCoarse = (e: TimelineEvent): boolean => fractionDigits(e.timestamp) < 6;

/** A kernel event's stamp and text: the same line read from dmesg and from syslog or the journal. */
const kernelLine = (e: TimelineEvent): string => `${String(e.metadata.boot_offset)} ${e.description}`;

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Kernel lines of a syslog or journal file, around the window, with both times. */
async function kernelAnchors(file: string, o: CollectOptions, max: number): Promise<Anchor[]> {
  const out: Anchor[] = [];
  if (max <= 0) return out;
  const plan = await planLog(file, o);
  const stream = readSelected(file, {
    ...parseOptions(o),
    sample: plan.sample,
    format: plan.format,
    from: plan.from,
    to: plan.to,
    selection: { start: readStart(o) - SEEK_SLACK, end: o.end + SEEK_SLACK, minLevel: o.minLevel, all: true },
  });
  for await (const batch of stream.batches()) {
    for (const r of batch) {
      if (r.kind !== 'record' || r.record.ns === null || r.record.bootOffsetNs === undefined) continue;
      const { host } = r.record;
      out.push({ ns: r.record.ns, digits: fractionDigits(r.record.timestamp ?? ''), offsetNs: r.record.bootOffsetNs, message: r.record.message, file, ...(host ? { host } : {}) });
      if (out.length >= max) return out;
    }
  }
  return out;
}

/** The keys (stamp and text) of a dmesg file's boot-relative lines. */
async function relativeLines(file: string, o: CollectOptions): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const r of streamLogFile(file, parseOptions(o))) {
    if (r.kind === 'record' && r.record.relative && r.record.bootOffsetNs !== undefined) keys.add(lineKey(r.record.bootOffsetNs, r.record.message));
  }
  return keys;
}
