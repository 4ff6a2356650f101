/**
 * Masking entry points for callers that want tokens rather than fingerprints.
 */
import { MaskScanner } from './scanner.js';

export { WILDCARD } from './chars.js';

const shared = new MaskScanner();

/**
 * Splits `message` on whitespace and returns its tokens with the variable parts replaced by `<*>`
 * (see MaskScanner for the rules).
 * @example maskTokens('Served block blk_-42 to /10.0.0.1:5000') // ['Served', 'block', 'blk_-<*>', 'to', '<*>:<*>']
 */
export function maskTokens(message: string): string[] {
  return shared.tokens(message);
}
