/**
 * Hardware and device failures reported by the kernel: machine checks and EDAC memory errors,
 * NVMe timeouts and controller failures, block I/O errors, and NIC transmit timeouts. Follow-up
 * lines about the same device within a short window are folded into one event.
 */
import type { LogLine } from './text.js';
import type { Crash, CrashKind } from './types.js';
import { makeCrash } from './user-frames.js';

interface Event {
  kind: CrashKind;
  title: string;
  /** What identifies "the same device" for folding follow-up lines. */
  device: string;
  /** A more specific event (e.g. naming the MCE bank) retitles a generic one it follows. */
  specific?: boolean;
}

type Rule = [RegExp, (m: RegExpExecArray) => Event];

const RULES: Rule[] = [
  [/NETDEV WATCHDOG: (\S+) \(([^)]*)\): transmit queue \d+ timed out/, (m) => ({
    kind: 'netdev-timeout', title: `NETDEV WATCHDOG: ${m[1]} (${m[2]}): transmit queue timed out`, device: m[1]!,
  })],
  // Newer kernels: `<driver> <bus-id> <ifname>: NETDEV WATCHDOG: CPU: 1: transmit queue 3 timed out 3685740 ms`.
  [/^(\S+) \S+ (\S+): NETDEV WATCHDOG: (?:CPU: \d+: )?transmit queue \d+ timed out/, (m) => ({
    kind: 'netdev-timeout', title: `NETDEV WATCHDOG: ${m[2]} (${m[1]}): transmit queue timed out`, device: m[2]!,
  })],
  [/^(\S+) \S+ (\S+): (?:Detected )?(Hardware Unit Hang|Tx Unit Hang|TX timeout|tx timeout)/, (m) => ({
    kind: 'netdev-timeout', title: `${m[2]} (${m[1]}): ${m[3]!.toLowerCase()}`, device: m[2]!,
  })],
  [/^nvme (nvme\d+): I\/O \d+ (?:\(\S+\) )?QID (\d+) timeout, ([a-z ]+)/, (m) => ({
    kind: 'nvme-timeout',
    title: `nvme ${m[1]}: ${m[2] === '0' ? 'admin command' : 'I/O'} timeout, ${m[3]!.trim()}`,
    device: m[1]!,
  })],
  [/^nvme (nvme\d+): (controller is down; will reset|Removing after probe failure|Device not ready; aborting (?:reset|initialisation)|failed to mark controller (?:live|state)[^,]*|Identify Controller failed)/, (m) => ({
    kind: 'nvme-error', title: `nvme ${m[1]}: ${m[2]}`, device: m[1]!,
  })],
  // Loop and RAM disks have no hardware under them: their I/O errors come from the file or the
  // program using them (snap images read past their end log them by the hundred), not a failing disk.
  [/^(?:blk_update_request: |print_req_error: )?(?:critical (?:medium|target|space allocation|nexus) |I\/O )?error,? dev (?!(?:loop|ram)\d)(\w+), sector/i, (m) => ({
    kind: 'io-error', title: `I/O error on ${m[1]}`, device: m[1]!,
  })],
  [/^(nvme\d+n\d+): I\/O Cmd\([^)]*\) @ LBA \d+, \d+ blocks, I\/O Error/, (m) => ({
    kind: 'io-error', title: `I/O error on ${m[1]}`, device: m[1]!,
  })],
  [/^EDAC (?:\S+ )?(MC\d+): \d+ (CE|UE|Fatal|Corrected|Uncorrected) (.*?) on (\S+)/, (m) => ({
    kind: 'edac', title: `EDAC ${m[1]}: ${m[2]} ${m[3]} on ${m[4]}`, device: `${m[1]} ${m[4]}`,
  })],
  [/(?:mce|EDAC \S+ MC\d+): (?:\[Hardware Error\]: )?(?:CPU \d+: )?Machine Check(?: Exception| Event)?: \S+ Bank (\d+): ([0-9a-f]+)/, (m) => ({
    kind: 'machine-check', title: `machine check in bank ${m[1]}`, device: 'mce', specific: true,
  })],
  [/\[Hardware Error\]: .*?\bMC(\d+)_STATUS\[([^\]]*)\]/, (m) => ({
    kind: 'machine-check', title: `machine check in bank ${m[1]}${/\|UE\|/.test(`|${m[2]}|`) ? ' (uncorrected)' : ''}`, device: 'mce',
    specific: true,
  })],
  [/\[Hardware Error\]: Machine check events logged/, () => ({ kind: 'machine-check', title: 'machine check events logged', device: 'mce' })],
  [/\[Hardware Error\]: (?:Machine check: )?(.*Processor context corrupt.*|Machine check: .+)/, (m) => ({
    kind: 'machine-check', title: `machine check: ${m[1]!.replace(/^Machine check: /, '')}`, device: 'mce',
  })],
  [/^EDAC \S+ MC\d+: HANDLING MCE MEMORY ERROR/, () => ({ kind: 'machine-check', title: 'machine check: memory error', device: 'mce' })],
];

// Cheap test that every line matched by a rule or a follow-up passes (plain substring searches
// are much faster than one regex with leading character classes).
const EVENT_WORDS = ['NETDEV', 'nvme', 'rror', 'EDAC', 'Machine Check', 'Hang', 'timeout', 'mce: '];
const anyEvent = (body: string): boolean => EVENT_WORDS.some((w) => body.includes(w));

// Lines that say more about an event already open for the same device.
const FOLLOW_UP = /^nvme (nvme\d+):|\[Hardware Error\]|^mce: |^EDAC |^(nvme\d+)n\d+:/;
const FOLLOW_WINDOW = 30;

function deviceOf(body: string): string | null {
  const m = /^nvme (nvme\d+):|^(nvme\d+)n\d+:/.exec(body);
  if (m) return m[1] ?? m[2]!;
  if (/\[Hardware Error\]|^mce: |^EDAC \S+ MC\d+: (?:HANDLING|CPU)/.test(body)) return 'mce';
  return null;
}

function makeEventCrash(e: Event, startLine: number, endLine: number): Crash {
  return makeCrash({
    title: e.title,
    kind: e.kind,
    origin: 'hardware',
    frames: [],
    // The device is named in the title; hardware events have no frames.
    guilty: [],
    startLine,
    endLine,
    numbers: false,
  });
}

/**
 * Finds hardware and device failure events.
 * @example findHardwareCrashes(parseLines('[ 1.0] nvme nvme1: I/O 775 QID 2 timeout, aborting'))[0]?.kind === 'nvme-timeout'
 */
export function findHardwareCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  let open: { crash: Crash; device: string; specific: boolean } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.body;
    if (!anyEvent(body)) continue;
    if (open && i - open.crash.endLine <= FOLLOW_WINDOW && FOLLOW_UP.test(body) && deviceOf(body) === open.device) {
      // A follow-up of the open event (abort status, reset, more MCE registers).
      const rule = RULES.find(([re]) => re.test(body));
      const e = rule ? rule[1](rule[0].exec(body)!) : null;
      if (!e || e.kind === open.crash.kind || e.kind === 'nvme-error') {
        if (e?.specific && !open.specific) {
          const { startLine } = open.crash;
          open.crash = makeEventCrash(e, startLine, i);
          open.specific = true;
          out[out.length - 1] = open.crash;
        }
        open.crash.endLine = i;
        continue;
      }
    }
    for (const [re, build] of RULES) {
      const m = re.exec(body);
      if (!m) continue;
      const e = build(m);
      const crash = makeEventCrash(e, i, i);
      out.push(crash);
      open = { crash, device: e.device, specific: e.specific === true };
      break;
    }
  }
  return out;
}
