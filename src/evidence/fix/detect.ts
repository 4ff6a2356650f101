/**
 * Tells a QuickFIX event log from its content alone: it holds no FIX message, its file name may say
 * nothing, but its lines carry the engine's own time format and the engine's own session notices.
 */

// `20251126-14:36:00.200: ` (QuickFIX/J FileLog) and `20251126-14:36:00.200000000 : ` (QuickFIX C++).
const ENGINE_TIME = /^\d{8}-\d{2}:\d{2}:\d{2}(?:\.\d{1,9})? ?: ?/;

// Openings of QuickFIX C++ and QuickFIX/J `Session` notices: wording no other software shares.
const SESSION_NOTICE =
  /^(?:Created session\b|Session \S+ schedule is\b|Initiated log(?:on|out) request|Received log(?:on|out)\b|Responding to logon request|Sen(?:t|ding) logout response|(?:Sent|Received) ResendRequest FROM:|(?:Received|Sent) SequenceReset\b|MsgSeqNum too (?:high|low), expecting \d+ but received \d+|Timed out waiting for (?:heartbeat|logon|logout)|Disconnecting\b|Already disconnected\b|Sent test request\b|Resending [Mm]essage: \d+|Logon contains ResetSeqNumFlag|Refreshing message\/state store|Session state is not current|Message \d+ Rejected\b|Reject sent for message\b)/;

const SAMPLE_LINES = 64;

/** A line in QuickFIX's own time format (`20251126-10:27:35.123: …`) and a session id (`FIX.4.4:GW->NASDAQ`). */
const QUICKFIX_TIME_LINE = /^\d{8}-\d{2}:\d{2}:\d{2}(?:\.\d{1,9})? ?: /m;
const SESSION_ID = /\bFIXT?\.\d\.\d(?:SP\d)?:[^\s:>]+(?:->|→)[^\s:]+/;

/**
 * Whether a file's first lines are a QuickFIX event log: a line in the engine's time format beside a
 * session id, or most lines opening with that time format (`YYYYMMDD-HH:MM:SS[.fff] : `) and at least
 * one of them carrying a `Session` notice. An application log that merely shares the time format has
 * neither.
 * @example isQuickFixEventText('20251126-14:36:00.200: Received logon\n') === true
 */
export function isQuickFixEventText(head: string): boolean {
  if (QUICKFIX_TIME_LINE.test(head) && SESSION_ID.test(head)) return true;
  let lines = 0;
  let timed = 0;
  let notices = 0;
  for (const raw of head.split('\n', SAMPLE_LINES * 2)) {
    const line = raw.trim();
    if (line === '') continue;
    if (++lines > SAMPLE_LINES) break;
    const time = ENGINE_TIME.exec(line);
    if (!time) continue;
    timed++;
    if (SESSION_NOTICE.test(line.slice(time[0].length))) notices++;
  }
  return notices > 0 && timed * 2 >= Math.min(lines, SAMPLE_LINES);
}
