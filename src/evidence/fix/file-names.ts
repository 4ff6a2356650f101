/**
 * Session and direction hints from QuickFIX log file names (pure: names only, no file access).
 */
import path from 'node:path';
import type { SourceHints } from './types.js';

// QuickFIX C++ and QuickFIX/J name files `<BeginString>-<Sender>-<Target>.<kind>[.current].log`.
const QUICKFIX_NAME = /^(FIXT?\.\d\.\d(?:SP\d)?)-(.+)\.(messages|event|incoming|outgoing)(?:\.current)?\.log$/;

/**
 * Whether a file has the name QuickFIX gives its logs (messages, event, incoming or outgoing).
 * @example isQuickFixLogName('/var/log/fix/FIX.4.4-GW-NASDAQ.event.log') === true
 */
export const isQuickFixLogName = (file: string): boolean => QUICKFIX_NAME.test(path.basename(file).replace(/\.gz$/i, ''));

/**
 * Hints from a QuickFIX log file name: the session (when the CompIDs split unambiguously) and the
 * direction of the old per-direction files.
 * @example hintsFromFileName('/var/log/fix/FIX.4.4-TW44-ISLD.messages.current.log').session?.senderCompId === 'TW44'
 */
export function hintsFromFileName(file: string): SourceHints {
  const name = path.basename(file).replace(/\.gz$/i, '');
  const m = QUICKFIX_NAME.exec(name);
  if (!m) return {};
  const hints: SourceHints = {};
  // CompIDs may themselves contain '-': only a two-part middle is unambiguous.
  const parts = (m[2] ?? '').split('-');
  if (parts.length === 2 && parts[0] && parts[1]) {
    hints.session = { beginString: m[1] ?? '', senderCompId: parts[0], targetCompId: parts[1] };
    hints.localCompId = parts[0];
  }
  if (m[3] === 'incoming') hints.direction = 'in';
  if (m[3] === 'outgoing') hints.direction = 'out';
  return hints;
}
