/**
 * Builds well-formed FIX messages (BodyLength and CheckSum computed) for demos, tests and benches,
 * printed with any separator as a log would show them.
 */

/**
 * Encodes `fields` (everything between BodyLength and CheckSum, in order) into a message with
 * BeginString, BodyLength and CheckSum. The sums are those of the wire form (SOH separators), so the
 * message validates whatever `separator` prints it.
 * @example encodeFixMessage('FIX.4.4', [[35, '0'], [49, 'A'], [56, 'B'], [34, 2]], { separator: '|' })
 */
export function encodeFixMessage(
  beginString: string,
  fields: ReadonlyArray<readonly [number, string | number]>,
  { separator = '\x01' }: { separator?: string } = {},
): string {
  let body = '';
  for (const [tag, value] of fields) body += `${tag}=${value}\x01`;
  const bodyLength = Buffer.byteLength(body, 'utf8');
  const head = `8=${beginString}\x019=${bodyLength}\x01`;
  let sum = 0;
  for (const byte of Buffer.from(head + body, 'utf8')) sum += byte;
  const wire = `${head}${body}10=${String(sum % 256).padStart(3, '0')}\x01`;
  return separator === '\x01' ? wire : wire.split('\x01').join(separator);
}
