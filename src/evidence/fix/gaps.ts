/**
 * Heartbeat-gap detection for one session. Each side must send something at least every HeartBtInt
 * seconds; a side silent for longer than factor × interval is overdue. Overlapping silences of the
 * two sides form one episode, reported once when every silent side has spoken again, or when the
 * session ends (logout, disconnect, end of the log). Only sessions whose log shows heartbeat
 * traffic are judged: QuickFIX/J logs no heartbeats by default, and there a quiet minute is normal.
 */

import { detach } from './message.js';

export interface SideSilence {
  /** SenderCompID of the silent side. */
  side: string;
  /** Its last message before the silence (or the session start). */
  since: bigint;
  /** Its first message after the silence, or when the session ended. */
  until: bigint;
  /** False when the side never spoke again before the session ended. */
  resumed: boolean;
}

export type GapEnd = 'traffic' | 'logout' | 'disconnect' | 'end_of_log';

export interface GapEpisode {
  /** When the first side became overdue: the event's time. */
  overdueAt: bigint;
  /** Longest silence of a side in the episode. */
  gapNs: bigint;
  sides: SideSilence[];
  endedBy: GapEnd;
  heartbeatS: number;
  /** No Logon in the log gave the interval: the default was assumed. */
  heartbeatAssumed: boolean;
  thresholdNs: bigint;
}

export interface GapSettings {
  defaultHeartbeatSeconds: number;
  factor: number;
}

interface OpenSilence {
  since: bigint;
  until: bigint | null;
}

/** One side's last message, and when it becomes overdue at the threshold it was computed for. */
interface SideClock {
  side: string;
  at: bigint;
  /** `at + threshold`; null while there is no threshold. */
  due: bigint | null;
  dueFor: bigint | null;
}

const NO_EPISODES: readonly GapEpisode[] = Object.freeze([]);
// Up to this many sides a look along the list finds a side's clock sooner than a map lookup.
const FEW_SIDES = 4;

export class HeartbeatTracker {
  private active = false;
  private activeSince = 0n;
  private heartbeatS: number | null = null;
  private logsHeartbeats = false;
  // Each side's clock, in the order the sides first spoke (the order silences are listed in), found
  // by a look along the list while there are few sides (a session has two), by the map beyond.
  private readonly clocks: SideClock[] = [];
  private readonly bySide = new Map<string, SideClock>();
  private episode: Map<string, OpenSilence> | null = null;
  private ended: GapEnd | null = null;
  // The threshold for the interval it was computed from: one bigint per Logon, not one per message.
  private thresholdOf: number | null = null;
  private thresholdNs: bigint | null = null;

  /** How the session's last stretch ended (logout, disconnect, or still open when the log ended); null while it goes on. */
  get endedBy(): GapEnd | null {
    return this.active ? null : this.ended;
  }

  constructor(private readonly settings: GapSettings) {}

  /** Heartbeat interval in force: the last Logon's HeartBtInt, else the default. */
  get interval(): number {
    return this.heartbeatS ?? this.settings.defaultHeartbeatSeconds;
  }

  private threshold(): bigint | null {
    const s = this.interval;
    if (s === this.thresholdOf) return this.thresholdNs;
    this.thresholdOf = s;
    // HeartBtInt 0 means the session runs without heartbeats: silence is not a fault there.
    this.thresholdNs = !(s > 0) || !(this.settings.factor > 0) ? null : BigInt(Math.round(s * this.settings.factor * 1e9));
    return this.thresholdNs;
  }

  /** When `clock`'s side is overdue under `threshold` (`ns` past it: silent for more than the threshold). */
  private static due(clock: SideClock, threshold: bigint): bigint {
    if (clock.dueFor !== threshold || clock.due === null) {
      clock.due = clock.at + threshold;
      clock.dueFor = threshold;
    }
    return clock.due;
  }

  /**
   * Feeds one message from `side` at `ns`. Returns the episodes this message completed.
   * @example tracker.onMessage('ISLD', 1_000_000_000n, 'A', 30)
   */
  onMessage(side: string, ns: bigint, msgType: string | null, heartBtInt: number | null): readonly GapEpisode[] {
    let out: GapEpisode[] | null = null;
    if (msgType === 'A' && heartBtInt !== null && heartBtInt >= 0) this.heartbeatS = heartBtInt;
    if (msgType === '0' || msgType === '1') this.logsHeartbeats = true;
    if (!this.active) {
      this.active = true;
      this.activeSince = ns;
      this.clearClocks();
      this.episode = null;
    }
    const own = this.clockOf(side);
    const threshold = this.threshold();
    if (threshold !== null) {
      // `ns > since + threshold` is `ns - since > threshold`: the sum is kept per side, not made per message.
      if (own ? ns > HeartbeatTracker.due(own, threshold) : ns - this.activeSince > threshold) this.silence(side, own ? own.at : this.activeSince, ns);
      for (const other of this.clocks) {
        if (other === own || this.episode?.has(other.side)) continue;
        if (ns > HeartbeatTracker.due(other, threshold)) this.silence(other.side, other.at, null);
      }
      if (this.episode && [...this.episode.values()].every((s) => s.until !== null)) this.report((out ??= []), 'traffic', ns);
    }
    // A new key is kept for the session's life: store a copy that does not pin the log buffer.
    if (own === undefined) {
      const copy = detach(side);
      const clock = { side: copy, at: ns, due: null, dueFor: null };
      this.clocks.push(clock);
      this.bySide.set(copy, clock);
    } else if (ns > own.at) {
      own.at = ns;
      own.due = null;
    }
    if (msgType === '5') (out ??= []).push(...this.end(ns, 'logout'));
    return out ?? NO_EPISODES;
  }

  /**
   * The session ended at `ns` (logout, disconnect, end of the log): sides overdue by then and
   * silences still open are reported as not resumed.
   */
  end(ns: bigint, reason: GapEnd): GapEpisode[] {
    const out: GapEpisode[] = [];
    if (this.active) this.ended = reason;
    const threshold = this.threshold();
    if (this.active && threshold !== null) {
      for (const s of this.clocks) {
        if (!this.episode?.has(s.side) && ns - s.at > threshold) this.silence(s.side, s.at, null);
      }
      if (this.episode) this.report(out, reason, ns);
    }
    this.active = false;
    this.clearClocks();
    this.episode = null;
    return out;
  }

  private clockOf(side: string): SideClock | undefined {
    const clocks = this.clocks;
    if (clocks.length > FEW_SIDES) return this.bySide.get(side);
    for (let i = 0; i < clocks.length; i++) if (clocks[i]?.side === side) return clocks[i];
    return undefined;
  }

  private clearClocks(): void {
    this.clocks.length = 0;
    this.bySide.clear();
  }

  get isActive(): boolean {
    return this.active;
  }

  private silence(side: string, since: bigint, until: bigint | null): void {
    this.episode ??= new Map();
    const known = this.episode.get(side);
    if (known) known.until = until ?? known.until;
    else this.episode.set(side, { since, until });
  }

  private report(out: GapEpisode[], endedBy: GapEnd, ns: bigint): void {
    const episode = this.close(endedBy, ns);
    if (this.logsHeartbeats) out.push(episode);
  }

  private close(endedBy: GapEnd, ns: bigint): GapEpisode {
    const threshold = this.threshold() ?? 0n;
    const sides: SideSilence[] = [];
    for (const [side, s] of this.episode ?? []) {
      sides.push({ side, since: s.since, until: s.until ?? ns, resumed: s.until !== null });
    }
    sides.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
    this.episode = null;
    let gapNs = 0n;
    for (const s of sides) if (s.until - s.since > gapNs) gapNs = s.until - s.since;
    const first = sides[0]?.since ?? ns;
    return { overdueAt: first + threshold, gapNs, sides, endedBy, heartbeatS: this.interval, heartbeatAssumed: this.heartbeatS === null, thresholdNs: threshold };
  }
}
