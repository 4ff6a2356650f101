/**
 * Connection counts: by TCP state from the socket tables (`/proc/net/tcp`, `tcp6`), UDP sockets from
 * `/proc/net/udp`, `udp6`, and the kernel's summary `/proc/net/sockstat` when the tables are unreadable.
 */
import { fields, lines, toCount } from './text.js';

/** TCP states as numbered in include/net/tcp_states.h, named as `ss` names them. */
export const TCP_STATES: Readonly<Record<number, string>> = {
  1: 'ESTAB',
  2: 'SYN-SENT',
  3: 'SYN-RECV',
  4: 'FIN-WAIT-1',
  5: 'FIN-WAIT-2',
  6: 'TIME-WAIT',
  7: 'CLOSE',
  8: 'CLOSE-WAIT',
  9: 'LAST-ACK',
  10: 'LISTEN',
  11: 'CLOSING',
  12: 'NEW-SYN-RECV',
};

/**
 * Counts the sockets of a `/proc/net/{tcp,tcp6,udp,udp6}` table by state (the `st` column, hex).
 * The header row is recognised by its non-numeric slot column.
 * @example countSocketStates('  sl local rem st\n 0: 0100007F:1F90 00000000:0000 0A ...\n') → { LISTEN: 1 }
 */
export function countSocketStates(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of lines(text)) {
    const f = fields(line);
    if (!/^\d+:$/.test(f[0] ?? '')) continue;
    const code = Number.parseInt(f[3] ?? '', 16);
    if (!Number.isFinite(code)) continue;
    const name = TCP_STATES[code] ?? `STATE-${code}`;
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

/** Merges state counts of several tables (IPv4 and IPv6). */
export function mergeCounts(...tables: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tables) for (const [k, v] of Object.entries(t)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * Parses `/proc/net/sockstat` (or `sockstat6`): `TCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1` → { TCP: { inuse: 5, … } }.
 * @example parseSockstat('TCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1\n').TCP?.tw === 2
 */
export function parseSockstat(text: string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const line of lines(text)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const proto = line.slice(0, colon).trim();
    const f = fields(line.slice(colon + 1));
    const entry: Record<string, number> = {};
    for (let i = 0; i + 1 < f.length; i += 2) {
      const v = toCount(f[i + 1]);
      if (v !== null) entry[f[i] ?? ''] = v;
    }
    out[proto] = entry;
  }
  return out;
}
