/**
 * Alertmanager's alert fingerprint, for payloads that do not carry one: FNV-1a (64-bit) over the
 * label names and values in name order, each followed by a 0xff separator, as Prometheus'
 * `LabelSet.Fingerprint` computes it. Same labels, same fingerprint, across restarts and senders.
 */

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const SEPARATOR = 0xff;

/**
 * @example labelFingerprint({ alertname: 'PfaTestAlwaysFiring', service: 'application', severity: 'critical' }) === 'bf3efc9a695671d6'
 */
export function labelFingerprint(labels: Readonly<Record<string, string>>): string {
  let h = OFFSET;
  const add = (b: number) => {
    h = ((h ^ BigInt(b)) * PRIME) & MASK;
  };
  const encoder = new TextEncoder();
  // Go sorts names by bytes; label names are ASCII, where that is also JavaScript's order.
  for (const name of Object.keys(labels).sort()) {
    for (const b of encoder.encode(name)) add(b);
    add(SEPARATOR);
    for (const b of encoder.encode(labels[name] ?? '')) add(b);
    add(SEPARATOR);
  }
  return h.toString(16).padStart(16, '0');
}
