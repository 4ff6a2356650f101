/**
 * The lines journalctl writes among the entries of its output (the default `short` and the other
 * `short-*` modes): a boot marker where the entries of a new boot begin, and banners about the
 * output itself. Neither is an entry of the journal.
 */

/**
 * `boot`: `-- Boot <boot id> --` (older journalctl: `-- Reboot --`, without the id), written
 * between the last entry of one boot and the first of the next. `banner`: `-- Journal begins at
 * … --` (older `-- Logs begin at … --`), `-- No entries --`, and `--show-cursor`'s `-- cursor: …`.
 */
export type JournalMarker = { kind: 'boot'; id: string | null } | { kind: 'banner' };

const BOOT = /^-- (?:Boot|Reboot)(?: ([0-9a-f]{32}))? --$/;
const BANNER = /^-- (?:(?:Journal begins|Logs begin) at .+ --|No entries --|cursor: \S+)$/;

/**
 * What a journalctl marker line is, or null for any other line (most lines: refused on their
 * first characters). Only journalctl's exact wording counts: `journalctl -x` explains entries on
 * lines that also start with `-- `, and those stay with their entry.
 * @example journalMarker('-- Boot 5c1f0a2e4b3d4c7e8f9a0b1c2d3e4f50 --') // { kind: 'boot', id: '5c1f0a2e4b3d4c7e8f9a0b1c2d3e4f50' }
 */
export function journalMarker(line: string): JournalMarker | null {
  if (line.charCodeAt(0) !== 45 || line.charCodeAt(1) !== 45 || line.charCodeAt(2) !== 32) return null;
  const text = line.trimEnd();
  const boot = BOOT.exec(text);
  if (boot) return { kind: 'boot', id: boot[1] ?? null };
  return BANNER.test(text) ? { kind: 'banner' } : null;
}
