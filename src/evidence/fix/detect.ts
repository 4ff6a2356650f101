/**
 * Tells a QuickFIX event log from its content alone: it holds no FIX message, its file name may say
 * nothing, but its lines carry the engine's own time format and the engine's own session notices.
 */

// `20251126-14:36:00.200: ` (QuickFIX/J FileLog) and `20251126-14:36:00.200000000 : ` (QuickFIX C++).
const ENGINE_TIME = /^\d{8}-\d{2}:\d{2}:\d{2}(?:\.\d{1,9})? ?: ?/;

// Openings of QuickFIX C++ and QuickFIX/J `Session` notices: wording no other software shares.
const SESSION_NOTICE =
  /^(?:Created session\b|Session \S+ schedule is\b|Initiated log(?:on|out) request|Received log(?:on|out)\b|Responding to logon request|Sen(?:t|ding) logout response|(?:Sent|Received) ResendRequest FROM:|(?:Received|Sent) SequenceReset\b|MsgSeqNum too (?:high|low), expecting \d+ but received \d+|Timed out waiting for (?:heartbeat|logon|logout)|Disconnecting\b|Already disconnected\b|Sent test request\b|Resending [Mm]essage: \d+|Logon contains ResetSeqNumFlag|Refreshing message\/state store|Session state is not current|Message \d+ Rejected\b|Reject sent for message\b)/;

// The other shapes an engine notice takes: QuickFIX/J ScreenLog `<time, FIX.4.4:A->B, event> (…)`,
// QuickFIX/n ScreenLog `<event> …`, and any logger layout that names the session first (`… FIX.4.2:A->B: …`).
const SCREEN_PREFIX = /^<[^,>]*, FIXT?\.\d\.\d\S*, (?:event|error|incoming|outgoing)> \(?/;
const SCREEN_LINE = /^<[^,>\n]*, FIXT?\.\d\.\d(?:SP\d)?:[^\s>,]+?->[^\s,>]+, (?:event|error|incoming|outgoing)>/m;
const TAGGED_PREFIX = /^<(?:event|error|incoming|outgoing)> /;
const SESSION_PREFIX = /\bFIXT?\.\d\.\d(?:SP\d)?:[^\s>,]+?->[^\s:,>)]+(?::[^\s:]+)?:\s+/;

const SAMPLE_LINES = 64;

/** The notice after an engine line's own prefix, or null for a line of another shape. */
function noticeText(line: string): string | null {
  const prefix = ENGINE_TIME.exec(line) ?? SCREEN_PREFIX.exec(line) ?? TAGGED_PREFIX.exec(line) ?? SESSION_PREFIX.exec(line);
  return prefix ? line.slice(prefix.index + prefix[0].length) : null;
}

/** A line in QuickFIX's own time format (`20251126-10:27:35.123: …`) and a session id (`FIX.4.4:GW->NASDAQ`). */
const QUICKFIX_TIME_LINE = /^\d{8}-\d{2}:\d{2}:\d{2}(?:\.\d{1,9})? ?: /m;
const SESSION_ID = /\bFIXT?\.\d\.\d(?:SP\d)?:[^\s:>]+(?:->|→)[^\s:]+/;

/**
 * Whether a file's first lines are a QuickFIX event log: a line in the engine's time format beside a
 * session id, or most lines in an engine's shape (its time format `YYYYMMDD-HH:MM:SS[.fff] : `, a
 * ScreenLog tag, a session id before the text) and at least one of them carrying a `Session` notice.
 * An application log that merely shares the time format has neither.
 * @example isQuickFixEventText('20251126-14:36:00.200: Received logon\n') === true
 */
export function isQuickFixEventText(head: string): boolean {
  if (QUICKFIX_TIME_LINE.test(head) && SESSION_ID.test(head)) return true;
  // A QuickFIX/J ScreenLog header names time, session and category at once: no other log has it.
  if (SCREEN_LINE.test(head)) return true;
  let lines = 0;
  let timed = 0;
  let notices = 0;
  for (const raw of head.split('\n', SAMPLE_LINES * 2)) {
    const line = raw.trim();
    if (line === '') continue;
    if (++lines > SAMPLE_LINES) break;
    const text = noticeText(line);
    if (text === null) continue;
    timed++;
    if (SESSION_NOTICE.test(text)) notices++;
  }
  return notices > 0 && timed * 2 >= Math.min(lines, SAMPLE_LINES);
}
