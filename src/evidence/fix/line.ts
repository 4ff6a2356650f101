/**
 * One log line to a FIX record: detects the log style per line (QuickFIX C++ and QuickFIX/J file
 * and screen logs, SLF4J-style prefixes, bare messages) and takes time, direction and session from it.
 */
import { classifyEngineText } from './engine-events.js';
import { fileMessageStart, isTrailingSpace, LINE_TIME } from './file-line.js';
import { findMessageStart, getField, parseFixMessage } from './message.js';
import { FILE_PREFIX, leadingTime, parseFixTime } from './time.js';
import type { Instant } from './time.js';
import type { Zone } from '../logs/zone.js';
import type { Direction, FixEngineRecord, FixLogStyle, FixRecord, SessionId, TimeSource } from './types.js';

export interface LineOrigin {
  file?: string;
  /** 1-based line number. */
  line?: number;
  /** Zone of logger timestamps written without one (`2025-06-27 09:08:52,123 …`); FIX times are UTC. */
  zone?: Zone;
}

export interface ParseLineOptions {
  /** Check BodyLength and CheckSum (flags only). Default true. */
  validate?: boolean;
}

// QuickFIX/J ScreenLog, one line: `<time, session, category> (body)`; C++ ScreenLog puts the body on the next line.
const SCREEN_LINE = /^<([^,>]*), (.*?), (incoming|outgoing|event|error)>(?: \((.*?)\)?)?$/;
const SCREEN_BODY = /^\s+\((.*)\)$/;
const SESSION_IN_TEXT = /(FIXT?\.\d\.\d(?:SP\d)?):([^\s>,]+?)->([^\s:,>)]+)/;
// Long words in any case; the short markers only in capitals, where they are not prose.
const IN_WORDS = /\b(?:incoming|inbound|received|receiving|recv|rcvd|fromapp|fromadmin)\b/i;
const OUT_WORDS = /\b(?:outgoing|outbound|sent|sending|send|toapp|toadmin)\b/i;
// `[in]`, `<out>`: bracketed, the short words are markers in any case (bridge logs print `… [in] : 8=FIX…`).
const IN_MARK = /\b(?:IN|RX)\b|[[<(][Ii][Nn][\]>)]/;
const OUT_MARK = /\b(?:OUT|TX)\b|[[<(][Oo][Uu][Tt][\]>)]/;
const SLF4J_EVENT = /\bquickfixj\.(event|errorEvent)\b/;
// QuickFIX/n ScreenLog: `<event> Created session`, `<incoming> 8=FIX…` (no time, no session).
const TAGGED_LINE = /^<(incoming|outgoing|event|error)> (.*)$/;
// Any logger layout that names the session before the notice: `… - FIXT.1.1:A->B: Disconnecting`.
const SESSION_COLON = /(FIXT?\.\d\.\d(?:SP\d)?:[^\s>,]+?->[^\s:,>)]+)(?::[^\s:]+)?:\s+(\S.*)$/;

/**
 * Parses one line of a FIX engine log. Returns null for lines that are neither a FIX message nor
 * an engine event (blank lines, other software's output).
 * @example parseFixLine('20251126-10:27:35.123 : 8=FIX.4.4|9=5|35=0|10=161|')?.kind === 'message'
 */
export function parseFixLine(input: string, origin: LineOrigin = {}, { validate = true }: ParseLineOptions = {}): FixRecord | null {
  const common = fileMessage(input, 0, input.length, validate, origin);
  if (common) return common;
  let end = input.length;
  while (end > 0 && isTrailingSpace(input.charCodeAt(end - 1))) end--;
  if (end === 0) return null;
  const start = findMessageStart(input);
  let record: FixRecord | null;
  const { zone } = origin;
  if (start < 0) record = engineRecord(input.slice(0, end), zone);
  else {
    // A message alone on its line, without a regex (a FileLog line was taken by fileMessage above).
    const fast = start === 0 ? BARE : null;
    record = fast
      ? messageRecord(input, start, end, validate, fast)
      : (noticeQuoting(input.slice(0, end), validate, zone) ?? messageRecord(input, start, end, validate, readPrefix(input.slice(0, start), zone)));
  }
  return record ? withOrigin(record, origin) : null;
}

/**
 * `parseFixLine` of the line `text[from…to)`, `to` at its newline or the end of `text` (a block of
 * lines read at once): the common line is read where it stands, any other is cut out first.
 * @example parseFixLineIn(block, at, at + line.length, { file, line: n })
 */
export function parseFixLineIn(text: string, from: number, to: number, origin: LineOrigin = {}, { validate = true }: ParseLineOptions = {}): FixRecord | null {
  return fileMessage(text, from, to, validate, origin) ?? parseFixLine(text.slice(from, to), origin, { validate });
}

function withOrigin(record: FixRecord, origin: LineOrigin): FixRecord {
  if (origin.file !== undefined) record.file = origin.file;
  if (origin.line !== undefined) record.line = origin.line;
  return record;
}

/**
 * The line shape of a QuickFIX messages log, millions of times per file, read from character codes
 * with nothing cut out but the values asked for: a FileLog time, ` : ` or `: `, and a message. Null
 * for any other line. Nothing before the message can hold `8=FIX`, so it is where
 * `findMessageStart` would find it, and the record is the one the general path makes.
 */
function fileMessage(text: string, from: number, to: number, validate: boolean, origin: LineOrigin): FixRecord | null {
  const i = fileMessageStart(text, from, to);
  if (i < 0) return null;
  let end = to;
  while (end > i && isTrailingSpace(text.charCodeAt(end - 1))) end--;
  const { ns, digits } = LINE_TIME;
  const message = parseFixMessage(text, i, end, { validate });
  const { file, line } = origin;
  // Built whole when the origin is (as a reader gives it): adding the two keys later costs an allocation more.
  if (file !== undefined && line !== undefined) return { kind: 'message', style: 'file', ns, digits, timeSource: 'log', direction: null, session: null, message, file, line };
  return withOrigin({ kind: 'message', style: 'file', ns, digits, timeSource: 'log', direction: null, session: null, message }, origin);
}


interface PrefixInfo {
  style: FixLogStyle;
  time: Instant | null;
  direction: Direction | null;
  session: SessionId | null;
  /** The message is wrapped in parentheses: drop the closing one. */
  paren: boolean;
}

function messageRecord(input: string, start: number, end: number, validate: boolean, info: PrefixInfo): FixRecord {
  let msgEnd = end;
  if (info.paren && input.charCodeAt(msgEnd - 1) === 41) msgEnd--;
  const message = parseFixMessage(input, start, msgEnd, { validate });
  let time = info.time;
  let timeSource: TimeSource | null = time ? 'log' : null;
  if (!time) {
    // SendingTime first: it is when the message left its engine; TransactTime can be far older.
    const sending = getField(message, 52);
    time = sending === null ? null : parseFixTime(sending);
    if (time) timeSource = 'sending_time';
    else {
      const transact = getField(message, 60);
      time = transact === null ? null : parseFixTime(transact);
      if (time) timeSource = 'transact_time';
    }
  }
  return {
    kind: 'message',
    style: info.style,
    ns: time ? time.ns : null,
    digits: time ? time.digits : 0,
    timeSource,
    direction: info.direction,
    session: info.session,
    message,
  };
}

const BARE: PrefixInfo = { style: 'bare', time: null, direction: null, session: null, paren: false };

function readPrefix(prefix: string, zone: Zone | undefined): PrefixInfo {
  const file = FILE_PREFIX.exec(prefix);
  if (file && file[0].length === prefix.length) {
    const time = parseFixTime(file[1] ?? '');
    if (time) return { style: 'file', time, direction: null, session: null, paren: false };
  }
  const trimmed = prefix.trim();
  if (trimmed === '(') return { style: 'screen_body', time: null, direction: null, session: null, paren: true };
  const screen = SCREEN_LINE.exec(trimmed.endsWith('(') ? trimmed.slice(0, -1).trimEnd() : trimmed);
  if (screen) {
    return {
      style: 'screen',
      time: parseFixTime(screen[1] ?? ''),
      direction: categoryDirection(screen[3] ?? ''),
      session: parseSessionId(screen[2] ?? ''),
      paren: trimmed.endsWith('('),
    };
  }
  const lead = leadingTime(trimmed, zone);
  const session = sessionInText(trimmed);
  // CompIDs such as SEND or RECV must not read as direction words.
  const words = (lead ? trimmed.slice(lead.length) : trimmed).replace(SESSION_IN_TEXT, ' ');
  const direction = directionWords(words);
  const paren = trimmed.endsWith('(');
  if (!lead && !direction && !session) return paren ? { ...BARE, paren } : BARE;
  return { style: 'prefixed', time: lead, direction, session, paren };
}

function categoryDirection(category: string): Direction | null {
  if (category === 'incoming') return 'in';
  if (category === 'outgoing') return 'out';
  return null;
}

/** Direction stated by words such as `incoming`, `sent`, `IN`, `toApp`; null when absent or contradictory. */
function directionWords(text: string): Direction | null {
  const isIn = IN_WORDS.test(text) || IN_MARK.test(text);
  const isOut = OUT_WORDS.test(text) || OUT_MARK.test(text);
  if (isIn === isOut) return null;
  return isIn ? 'in' : 'out';
}

function sessionInText(text: string): SessionId | null {
  const m = SESSION_IN_TEXT.exec(text);
  if (!m) return null;
  return { beginString: m[1] ?? '', senderCompId: compId(m[2] ?? ''), targetCompId: compId(m[3] ?? '') };
}

/**
 * Parses an engine session name, `FIX.4.4:SENDER->TARGET` (sub and location IDs after `/` and a
 * `:qualifier` are dropped).
 * @example parseSessionId('FIX.4.4:TW44->ISLD')?.targetCompId === 'ISLD'
 */
export function parseSessionId(text: string): SessionId | null {
  const m = SESSION_IN_TEXT.exec(text.trim());
  if (!m || m.index !== 0) return null;
  return { beginString: m[1] ?? '', senderCompId: compId(m[2] ?? ''), targetCompId: compId(m[3] ?? '') };
}

/** A CompID without its SubID (`SENDER/SUB` → `SENDER`). */
export function compId(part: string): string {
  const slash = part.indexOf('/');
  return slash < 0 ? part : part.slice(0, slash);
}

function engineRecord(line: string, zone: Zone | undefined): FixRecord | null {
  const file = FILE_PREFIX.exec(line);
  if (file) {
    const time = parseFixTime(file[1] ?? '');
    if (time) return engine('file', time, null, line.slice(file[0].length), false);
  }
  const screen = SCREEN_LINE.exec(line);
  if (screen) {
    const time = parseFixTime(screen[1] ?? '');
    const session = parseSessionId(screen[2] ?? '');
    const category = (screen[3] ?? 'event') as 'incoming' | 'outgoing' | 'event' | 'error';
    if (screen[4] === undefined) {
      return { kind: 'header', style: 'screen_header', category, ...timeFields(time), direction: categoryDirection(category), session };
    }
    return engine('screen', time, session, screen[4], category === 'error');
  }
  const body = SCREEN_BODY.exec(line);
  if (body) return engine('screen_body', null, null, body[1] ?? '', false);
  const slf4j = SLF4J_EVENT.exec(line);
  if (slf4j) {
    const time = leadingTime(line.trimStart(), zone);
    let text = line.slice(slf4j.index + slf4j[0].length).replace(/^[\]\s]*[-:|]?\s*/, '');
    const session = parseSessionId(text);
    if (session) text = text.replace(/^\S+?->[^\s:]+(?::\S+?)?:\s*/, '');
    return engine('prefixed', time, session, text, slf4j[1] === 'errorEvent');
  }
  const tagged = TAGGED_LINE.exec(line);
  if (tagged) {
    const category = tagged[1] ?? 'event';
    return category === 'event' || category === 'error' ? engine('screen', null, null, tagged[2] ?? '', category === 'error') : null;
  }
  return sessionNotice(line, zone);
}

/**
 * A line of some other layout (a logback pattern, an application's own logger) that names a session
 * and then says something the engine says: an engine record. Any other text after a session id is
 * not taken, so that application chatter about a session never reads as the engine's.
 */
function sessionNotice(line: string, zone: Zone | undefined): FixEngineRecord | null {
  const m = SESSION_COLON.exec(line);
  const text = m?.[2];
  if (m === null || text === undefined || text.startsWith('8=FIX')) return null;
  if (classifyEngineText(text, false).type === 'engine_event') return null;
  return engine('prefixed', leadingTime(line.trimStart(), zone), parseSessionId(m[1] ?? ''), text, false);
}

/**
 * An engine notice that quotes a message (`MsgSeqNum too high, expecting 8 but received 12: 8=FIX…`,
 * `Rejecting invalid message: …: 8=FIX…`): the notice says what happened, so the line is an engine
 * record with the message attached, not the message itself. A prefix of direction markers only
 * (`IN 8=FIX…`, `<8=FIX…`) is not a notice.
 */
function noticeQuoting(line: string, validate: boolean, zone: Zone | undefined): FixRecord | null {
  const record = engineRecord(line, zone);
  if (record?.kind !== 'engine') return null;
  const at = findMessageStart(record.text);
  if (at <= 0 || !isProse(record.text.slice(0, at))) return null;
  record.embedded = parseFixMessage(record.text, at, record.text.length, { validate });
  record.text = record.text.slice(0, at).replace(/[\s:([<-]+$/, '');
  return record;
}

const WORD = /[A-Za-z]{3,}/g;
const NEUTRAL_WORD = /^(?:message|msg|fix)$/i;

/** Words other than direction markers and the word "message": the sentence of an engine notice. */
function isProse(text: string): boolean {
  for (const [word] of text.replace(SESSION_IN_TEXT, ' ').matchAll(WORD)) {
    if (!NEUTRAL_WORD.test(word) && !IN_WORDS.test(word) && !OUT_WORDS.test(word)) return true;
  }
  return false;
}

function engine(style: FixLogStyle, time: Instant | null, session: SessionId | null, text: string, error: boolean): FixEngineRecord {
  return { kind: 'engine', style, ...timeFields(time), direction: null, session, text, error };
}

function timeFields(time: Instant | null): { ns: bigint | null; digits: number; timeSource: TimeSource | null } {
  return time ? { ns: time.ns, digits: time.digits, timeSource: 'log' } : { ns: null, digits: 0, timeSource: null };
}
