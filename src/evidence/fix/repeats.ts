/**
 * Copies of a message resent in answer to a resend request (PossDupFlag 43=Y): the receiver's log holds
 * the original and the copy when it had the original after all, and one rejected order is not two.
 */
import { detach, getField } from './message.js';
import type { FixMessage } from './types.js';

// Fields a resend may change: framing, the flags and times of the resend itself, and the
// LastMsgSeqNumProcessed of the moment. MsgSeqNum (34) is kept: a PossDup copy has the original's.
const RESEND_FIELDS: ReadonlySet<number> = new Set([9, 10, 43, 52, 97, 122, 369]);

/**
 * A message's content without the fields a resend changes.
 * @example resendKey(parseFixMessage('8=FIX.4.4|9=5|35=8|34=7|43=Y|52=20250402-13:32:00|39=8|10=000|')) === resendKey(parseFixMessage('8=FIX.4.4|9=4|35=8|34=7|52=20250402-13:31:58|39=8|10=111|'))
 */
export function resendKey(message: FixMessage): string {
  const parts: string[] = [];
  message.tags.forEach((tag, i) => {
    if (!RESEND_FIELDS.has(tag)) parts.push(`${tag}=${message.value(i)}`);
  });
  return detach(parts.join('\u0001'));
}

/**
 * Remembers the messages it is shown (callers show only those that become events, so memory follows
 * the number of events, not of messages) and tells a PossDup copy of one of them.
 * @example const r = new ResentRepeats(); r.isRepeat(original); r.isRepeat(possDupCopy) === true
 */
export class ResentRepeats {
  private readonly seen = new Set<string>();
  count = 0;

  /** True for a PossDupFlag=Y message whose original was shown before; else remembers it. */
  isRepeat(message: FixMessage): boolean {
    const key = resendKey(message);
    if (getField(message, 43) === 'Y' && this.seen.has(key)) {
      this.count++;
      return true;
    }
    this.seen.add(key);
    return false;
  }
}
