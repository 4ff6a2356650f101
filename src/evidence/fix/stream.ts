/**
 * The FIX event engine: fed log lines (or parsed records) in order, it keeps per-file and
 * per-session state and returns timeline events as they are found, plus statistics at the end.
 */
import { exactDigits, formatDuration, formatTimestamp, NS_PER_S } from '../../shared/time.js';
import { classifyEngineText } from './engine-events.js';
import { messageEvent, messageEventType } from './describe.js';
import { msgTypeName } from './dictionary.js';
import type { GapEpisode } from './gaps.js';
import { LineReader } from './file-line.js';
import { compId, parseFixLine, parseFixLineIn, parseSessionId } from './line.js';
import type { LineOrigin } from './line.js';
import { detach, getField, getFieldAs } from './message.js';
import { ResentRepeats } from './repeats.js';
import type { SessionState } from './session.js';
import { SessionTable } from './sessions.js';
import type {
  Direction,
  FixEngineRecord,
  FixEvent,
  FixEventOptions,
  FixEventType,
  FixHeaderRecord,
  FixMessage,
  FixMessageRecord,
  FixRecord,
  FixStats,
  MetadataValue,
  SessionId,
  SourceHints,
  TimeSource,
} from './types.js';

const SESSION_TYPES: ReadonlySet<FixEventType> = new Set(['logon', 'logout', 'sequence_reset', 'resend_request']);
const NONE: readonly FixEvent[] = Object.freeze([]);
const CREATED_SESSION = /^Created session:?\s*(\S+)/;
const DISCONNECTING = /^Disconnecting:\s*(.+?)\s*$/i;
// QuickFIX/n names the session in its notice: `Session FIXT.1.1:A/SUB->Nodal Exchange, LLC:Q disconnecting: …`.
const SESSION_SAYS = /^Session (FIXT?\.\d\.\d(?:SP\d)?):([^>]+?)->(.+?)(?::[^:\s]+)? (?:disconnecting|already disconnected|schedule is)\b/;

interface FileState {
  /** Time of the file's last timed record (null before one), kept in place rather than as an object per line. */
  lastNs: bigint | null;
  lastDigits: number;
  /** The hints given for the file (`describeSource`), looked up once per file rather than per line. */
  hints: SourceHints | undefined;
  header: FixHeaderRecord | null;
  /** Session named by the file's own lines (`Created session: FIX.4.4:A->B`). */
  session: SessionId | null;
  /** The file's previous engine notice, to know a `Disconnecting: <cause>` that repeats it. */
  notice: { text: string; ns: bigint | null } | null;
}

interface Timed {
  ns: bigint | null;
  digits: number;
  timeSource: TimeSource | null;
}

/**
 * Streaming FIX log analysis. Feed lines with `push` in file order (several files may be
 * interleaved: state is kept per file name), then call `finish` for gaps still open at the end.
 * Events come back when found: a heartbeat gap is reported when it ends, so sort by `ns` if order matters.
 * @example
 * const s = new FixEventStream();
 * const events = [...s.push(line, { file: 'a.log', line: 1 }), ...s.finish()];
 */
export class FixEventStream {
  private readonly detectGaps: boolean;
  private readonly localIds: ReadonlySet<string>;
  private readonly allEngineEvents: boolean;
  private readonly sessionEvents: boolean;
  private readonly sessions: SessionTable;
  private readonly files = new Map<string, FileState>();
  private readonly hints = new Map<string, SourceHints>();
  private readonly eventCounts = new Map<FixEventType, number>();
  private readonly repeats = new ResentRepeats();
  private readonly reader = new LineReader();
  private horizonNs: bigint | null = null;
  private horizonDigits = 0;
  // The file of the previous record: consecutive lines come from one file.
  private lastFileKey: string | null = null;
  private lastFile: FileState | null = null;
  private finished = false;
  private readonly totals = { lines: 0, ignoredLines: 0, messages: 0, engineLines: 0, inheritedTimes: 0, untimed: 0, corrupt: 0 };

  constructor({
    defaultHeartbeatSeconds = 30,
    gapFactor = 1.5,
    detectGaps = true,
    localCompIds = [],
    allEngineEvents = false,
    sessionEvents = true,
  }: FixEventOptions = {}) {
    this.sessions = new SessionTable({ defaultHeartbeatSeconds, factor: gapFactor });
    this.detectGaps = detectGaps;
    this.localIds = new Set(localCompIds);
    this.allEngineEvents = allEngineEvents;
    this.sessionEvents = sessionEvents;
  }

  /** Context for the lines of `file` (session, local CompID, direction), e.g. from its name. */
  describeSource(file: string, hints: SourceHints): void {
    this.hints.set(file, hints);
    const state = this.files.get(file);
    if (state) state.hints = hints;
  }

  /** Parses and processes one line; returns the events it completed. */
  push(line: string, origin: LineOrigin = {}): readonly FixEvent[] {
    return this.pushRecord(parseFixLine(line, origin));
  }

  /**
   * Processes the line `text[from…to)` (`to` at its newline or the end of `text`: a block of lines
   * read at once), as `pushRecord(parseFixLineIn(text, from, to, origin))` does. The common line is
   * read into a record reused from line to line, which nothing here keeps: all that outlives the
   * line (identifiers, event metadata) is copied out of it.
   * @example for (const line of b.lines) { events.push(...stream.pushLine(b.text, at, at + line.length, origin)); at += line.length + 1; }
   */
  pushLine(text: string, from: number, to: number, origin: LineOrigin = {}): readonly FixEvent[] {
    return this.pushRecord(this.reader.read(text, from, to, origin) ?? parseFixLineIn(text, from, to, origin));
  }

  /** Processes one parsed line (null: a line that was not FIX, only counted); returns the events it completed. */
  pushRecord(record: FixRecord | null): readonly FixEvent[] {
    this.totals.lines++;
    if (record === null) {
      this.totals.ignoredLines++;
      return NONE;
    }
    const fileKey = record.file ?? '';
    const file = this.fileState(fileKey);
    if (record.kind === 'header') {
      file.header = record;
      return NONE;
    }
    let direction = record.direction;
    let session = record.session;
    let error = record.kind === 'engine' && record.error;
    // The record is its own time (it has the three fields): no object per line.
    let time: Timed = record;
    if (record.style === 'screen_body') {
      const header = file.header;
      file.header = null;
      if (header === null && record.kind === 'engine') {
        this.totals.ignoredLines++;
        return NONE;
      }
      if (header !== null) {
        direction = header.direction;
        session = header.session;
        error = error || header.category === 'error';
        if (header.ns !== null) time = { ns: header.ns, digits: header.digits, timeSource: 'log' };
      }
    } else {
      file.header = null;
    }
    time = this.placeInTime(file, time);
    return record.kind === 'message'
      ? this.onMessage(record, file, time, direction, session)
      : this.onEngine(record, time, session, error);
  }

  /** Closes the silences still open at the latest time seen; call once after the last line. */
  finish(): readonly FixEvent[] {
    const horizon = this.horizonNs;
    if (this.finished || horizon === null) {
      this.finished = true;
      return NONE;
    }
    this.finished = true;
    const events: FixEvent[] = [];
    for (const state of this.sessions.values()) {
      for (const ep of state.gaps.end(horizon, 'end_of_log')) events.push(this.gapEvent(state, ep, this.horizonDigits));
    }
    return events;
  }

  /** Totals and per-session statistics so far. */
  stats(): FixStats {
    const events: FixStats['events'] = {};
    for (const [type, n] of this.eventCounts) events[type] = n;
    return { ...this.totals, resentRepeats: this.repeats.count, events, sessions: [...this.sessions.values()].map((s) => s.stats()) };
  }

  private fileState(key: string): FileState {
    if (key === this.lastFileKey && this.lastFile) return this.lastFile;
    let state = this.files.get(key);
    if (!state) {
      state = { lastNs: null, lastDigits: 0, hints: this.hints.get(key), header: null, session: null, notice: null };
      this.files.set(key, state);
    }
    this.lastFileKey = key;
    this.lastFile = state;
    return state;
  }

  /** A record with no time of its own takes the previous one's from the same file. */
  private placeInTime(file: FileState, time: Timed): Timed {
    if (time.ns === null) {
      if (file.lastNs === null) {
        this.totals.untimed++;
        return time;
      }
      this.totals.inheritedTimes++;
      return { ns: file.lastNs, digits: file.lastDigits, timeSource: 'inherited' };
    }
    file.lastNs = time.ns;
    file.lastDigits = time.digits;
    if (this.horizonNs === null || time.ns > this.horizonNs) {
      this.horizonNs = time.ns;
      this.horizonDigits = time.digits;
    }
    return time;
  }

  private onMessage(record: FixMessageRecord, file: FileState, time: Timed, stated: Direction | null, prefixSession: SessionId | null): readonly FixEvent[] {
    this.totals.messages++;
    const message = record.message;
    if (message.issues.length > 0) this.totals.corrupt++;
    const hints = file.hints;
    // The CompIDs of the previous message, most often these again (or swapped): no strings cut per message.
    const last = this.sessions.last;
    const sender = getFieldAs(message, 49, last?.sender ?? null, last?.target ?? null);
    const target = getFieldAs(message, 56, last?.target ?? null, last?.sender ?? null);
    const named = prefixSession ?? hints?.session ?? null;
    const state = this.sessions.routeFor(message.beginString || (named?.beginString ?? ''), sender, target, named);
    if (state.local === null) {
      const local = this.localSide(sender, target, stated ?? hints?.direction ?? null, named, hints);
      state.local = local === null ? null : detach(local);
    }
    const direction = stated ?? hints?.direction ?? state.directionOf(sender);
    state.seen(time.ns, time.digits);
    const type = messageEventType(message);
    // A PossDup copy of a reject already read is traffic (heartbeat tracking) but not a second event.
    const repeat = type !== null && this.repeats.isRepeat(message);
    state.count(message, direction, repeat, sender);

    let events: FixEvent[] | null = null;
    if (this.detectGaps && time.ns !== null && sender !== null) {
      const hb = message.msgType === 'A' ? getField(message, 108) : null;
      const heartBtInt = hb !== null && /^\d+$/.test(hb) ? Number(hb) : null;
      const episodes = state.gaps.onMessage(sender, time.ns, message.msgType, heartBtInt);
      for (let i = 0; i < episodes.length; i++) (events ??= []).push(this.gapEvent(state, episodes[i] as GapEpisode, time.digits));
    }
    if (type !== null && !repeat && (this.sessionEvents || !SESSION_TYPES.has(type))) {
      const ctx = { session: state.name, direction, ns: time.ns, digits: time.digits, timeSource: time.timeSource };
      const event = messageEvent(message, { ...ctx, ...origin(record) }, type);
      if (event) (events ??= []).push(this.counted(event));
    }
    return events ?? NONE;
  }

  private localSide(sender: string | null, target: string | null, direction: Direction | null, named: SessionId | null, hints: SourceHints | undefined): string | null {
    if (direction !== null) return direction === 'out' ? sender : target;
    const candidates = [named?.senderCompId, hints?.localCompId];
    for (const id of candidates) if (id !== undefined && (id === sender || id === target)) return id;
    if (sender !== null && this.localIds.has(sender)) return sender;
    if (target !== null && this.localIds.has(target)) return target;
    return null;
  }

  private onEngine(record: FixEngineRecord, time: Timed, prefixSession: SessionId | null, error: boolean): readonly FixEvent[] {
    this.totals.engineLines++;
    const file = this.fileState(record.file ?? '');
    const created = CREATED_SESSION.exec(record.text);
    const createdId = created ? parseSessionId(created[1] ?? '') : null;
    if (createdId) file.session = createdId;
    const named = prefixSession ?? sessionSaid(record.text) ?? file.session ?? this.hints.get(record.file ?? '')?.session ?? null;
    const quoted = record.embedded;
    let state: SessionState | null = null;
    if (named) state = this.sessions.sessionFor(named.beginString, named.senderCompId, named.targetCompId, null);
    // A quoted message names its session by its CompIDs (which side is ours it does not say).
    else if (quoted) {
      const sender = getField(quoted, 49);
      const target = getField(quoted, 56);
      if (sender !== null && target !== null) state = this.sessions.sessionFor(quoted.beginString, sender, target, null);
    }
    if (state && state.local === null && named) state.local = named.senderCompId;
    state?.seen(time.ns, time.digits);

    const text = detach(record.text);
    const cls = classifyEngineText(text, error);
    // QuickFIX C++ says the cause, then `Disconnecting`; a log that also names the cause again
    // (`Disconnecting: Timed out waiting for heartbeat`) reports one cause and then the disconnect.
    const cause = DISCONNECTING.exec(text)?.[1];
    if (cause !== undefined && cause === file.notice?.text && within(file.notice.ns, time.ns, NS_PER_S)) cls.type = 'disconnect';
    file.notice = { text, ns: time.ns };
    let events: FixEvent[] | null = null;
    if (cls.disconnect && state && time.ns !== null && this.detectGaps) {
      for (const ep of state.gaps.end(time.ns, 'disconnect')) (events ??= []).push(this.gapEvent(state, ep, time.digits));
    }
    if (cls.failure || this.allEngineEvents || (cls.session && this.sessionEvents)) {
      const metadata: Record<string, MetadataValue> = { session: state?.name ?? null, text, engine_error: error, log_style: record.style, ...cls.details };
      if (cls.direction !== null) metadata.direction = cls.direction;
      if (quoted) Object.assign(metadata, quotedMetadata(quoted));
      if (time.timeSource !== null) metadata.time_source = time.timeSource;
      Object.assign(metadata, origin(record));
      const what = quoted ? `${text}: ${msgTypeName(quoted.msgType ?? '') || 'message'}` : text;
      (events ??= []).push(
        this.counted({
          timestamp: time.ns === null ? null : formatTimestamp(time.ns, time.digits),
          ns: time.ns,
          source: 'system',
          event_type: cls.type,
          description: state ? `${what} (${state.name})` : what,
          metadata,
        }),
      );
    }
    return events ?? NONE;
  }

  private gapEvent(state: SessionState, ep: GapEpisode, digits: number): FixEvent {
    state.counts.heartbeatGaps++;
    // Sides silent for as long (within a second) are one silence; otherwise each is given, since
    // one side may have spoken in the middle of the other's silence.
    const spans = ep.sides.map((s) => ({ side: s.side, ns: s.until - s.since })).sort((a, b) => (b.ns > a.ns ? 1 : b.ns < a.ns ? -1 : 0));
    const shortest = spans.at(-1)?.ns ?? 0n;
    const silent =
      spans.length > 1 && ep.gapNs - shortest >= NS_PER_S
        ? spans.map((s, i) => `${i === 0 ? '' : 'from '}${s.side} for ${formatDuration(s.ns)}`).join(' and ')
        : `${spans.length > 1 ? 'either side' : (spans[0]?.side ?? '?')} for ${formatDuration(ep.gapNs)}`;
    const open = ep.sides.filter((s) => !s.resumed).map((s) => s.side);
    const ending = open.length === 0 ? '' : `; ${open.join(' and ')} did not speak again before ${ENDINGS[ep.endedBy]}`;
    const stamp = (ns: bigint): string => formatTimestamp(ns, exactDigits(ns, digits));
    return this.counted({
      timestamp: stamp(ep.overdueAt),
      ns: ep.overdueAt,
      source: 'system',
      event_type: 'heartbeat_gap',
      description: `Heartbeat gap on ${state.name}: no message from ${silent} (HeartBtInt ${ep.heartbeatS}s${ep.heartbeatAssumed ? ' assumed, no Logon in the log' : ''}, overdue after ${formatDuration(ep.thresholdNs)})${ending}`,
      metadata: {
        session: state.name,
        gap_ns: ep.gapNs.toString(),
        gap_s: Number(ep.gapNs) / 1e9,
        heartbeat_interval_s: ep.heartbeatS,
        heartbeat_interval_assumed: ep.heartbeatAssumed,
        threshold_s: Number(ep.thresholdNs) / 1e9,
        silent_sides: ep.sides.map((s) => ({ side: s.side, direction: state.directionOf(s.side), since: stamp(s.since), until: stamp(s.until), resumed: s.resumed })),
        ended_by: ep.endedBy,
      },
    });
  }

  private counted(event: FixEvent): FixEvent {
    this.eventCounts.set(event.event_type, (this.eventCounts.get(event.event_type) ?? 0) + 1);
    return event;
  }
}

const ENDINGS: Record<GapEpisode['endedBy'], string> = {
  traffic: 'the gap closed',
  logout: 'the logout',
  disconnect: 'the disconnect',
  end_of_log: 'the log ends',
};

/** The session a notice names in its own words (CompIDs may hold spaces there, unlike in a prefix). */
function sessionSaid(text: string): SessionId | null {
  const m = SESSION_SAYS.exec(text);
  if (!m) return null;
  return { beginString: m[1] ?? '', senderCompId: compId(m[2] ?? ''), targetCompId: compId(m[3] ?? '') };
}

function within(a: bigint | null, b: bigint | null, span: bigint): boolean {
  if (a === null || b === null) return a === b;
  return (a > b ? a - b : b - a) <= span;
}

/** The message a notice quotes, under `quoted_*` keys so that they never read as the event's own. */
function quotedMetadata(message: FixMessage): Record<string, MetadataValue> {
  const type = message.msgType ?? '';
  const seq = getField(message, 34);
  const out: Record<string, MetadataValue> = { quoted_msg_type: type, quoted_msg_type_name: msgTypeName(type) };
  if (seq !== null && /^\d{1,15}$/.test(seq)) out.quoted_msg_seq_num = Number(seq);
  const sender = getField(message, 49);
  const target = getField(message, 56);
  if (sender !== null) out.quoted_sender_comp_id = detach(sender);
  if (target !== null) out.quoted_target_comp_id = detach(target);
  out.quoted_message = detach(message.raw);
  return out;
}

/** At least `digits`, and enough that a computed instant (last message + threshold) loses nothing. */
function origin(record: FixRecord): { file?: string; line?: number } {
  const out: { file?: string; line?: number } = {};
  if (record.file !== undefined) out.file = record.file;
  if (record.line !== undefined) out.line = record.line;
  return out;
}
