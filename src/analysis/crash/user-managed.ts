/**
 * Crashes of managed runtimes: Go panics and fatal errors with their goroutine traces, and
 * uncaught Java exceptions with `at` frames and `Caused by:` chains.
 */
import type { LogLine } from './text.js';
import type { Crash } from './types.js';
import { cleanFrame } from './frames.js';
import { exceptionCrash, isRuntimeFrame, makeCrash, pickGuilty } from './user-frames.js';

// ------------------------------------------------------------------------------------------ Go

// Pasted into an issue or a markdown block, a trace may be indented and its tabs turned into
// spaces: the lines are matched without their leading blanks.
// `panic: …`, `fatal error: …`, or a signal the runtime did not turn into a panic (`SIGSEGV:
// segmentation violation` then `PC=0x… m=0 sigcode=1`, e.g. in cgo code).
const GO_START = /^\s*(panic|fatal error|SIG[A-Z]+): (.+?)\s*$/;
const GO_PC = /^\s*PC=0x[0-9a-f]+ m=/;
// `goroutine 1 [running]:`, since Go 1.23 `goroutine 1 gp=0xc000002380 m=0 mp=0x5d9f60 [running]:`
const GO_GOROUTINE = /^\s*goroutine \d+ (?:\w+=\S+ )*\[([^\]]+)\]:\s*$/;
const GO_SIGNAL = /^\s*\[signal (SIG[A-Z]+)[^\]]*?(?: addr=(0x[0-9a-f]+))?(?: pc=0x[0-9a-f]+)?\]\s*$/;
const GO_FUNC = /^\s*((?:created by )?[\w./*()[\]{}-]+?)(?:\((?:[^()]|\([^()]*\))*\))?(?: in goroutine \d+)?\s*$/;
// The file of a frame: `\t/src/x.go:12 +0x1c`, or `\t??:0 +0x4e` for a cgo stub.
const GO_FILE = /^\s+(?:\S+\.(?:go|s)|\?\?):\d+/;

function goFrames(lines: readonly LogLine[], from: number): { frames: string[]; end: number } {
  const frames: string[] = [];
  let end = from;
  for (let i = from + 1; i + 1 < lines.length; i += 2) {
    const fn = lines[i]!.body;
    const file = lines[i + 1]!.raw;
    if (!GO_FILE.test(file) && !GO_FILE.test(lines[i + 1]!.body)) break;
    const m = GO_FUNC.exec(fn);
    if (!m) break;
    if (!m[1]!.startsWith('created by ')) frames.push(cleanFrame(m[1]!));
    end = i + 1;
  }
  return { frames, end };
}

/**
 * `panic:`/`fatal error:` followed (within 40 lines) by a goroutine trace.
 * @example findGoCrashes(parseLines(goOutput))[0]?.kind === 'go-panic'
 */
export function findGoCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = GO_START.exec(lines[i]!.body);
    if (!m) continue;
    const bareSignal = m[1]!.startsWith('SIG');
    // A bare signal line is Go's only when the runtime's `PC=… m=…` line follows it.
    if (bareSignal && !(lines[i + 1] && GO_PC.test(lines[i + 1]!.body))) continue;
    let signal: string | undefined = bareSignal ? m[1] : undefined;
    let address: string | undefined;
    let g = -1;
    for (let j = i + 1; j < lines.length && j <= i + 40; j++) {
      const body = lines[j]!.body;
      const s = GO_SIGNAL.exec(body);
      if (s) {
        signal = s[1];
        address = s[2];
      }
      if (GO_GOROUTINE.test(body)) {
        g = j;
        break;
      }
    }
    if (g < 0) continue;
    const { frames, end } = goFrames(lines, g);
    // A deferred function that re-panics sits above `panic(`: the failure is in the frames below.
    const repanic = frames.lastIndexOf('panic');
    const guilty = pickGuilty(repanic >= 0 && repanic < frames.length - 1 ? frames.slice(repanic + 1) : frames);
    const message = m[2]!.replace(/\s*\[recovered\]$/, '');
    out.push(
      makeCrash({
        title: `${m[1]}: ${message} in ${guilty}`,
        kind: 'go-panic',
        frames,
        guilty: [guilty],
        startLine: i,
        endLine: Math.max(end, g),
        ...(signal !== undefined ? { signal } : {}),
        ...(address !== undefined ? { address } : {}),
        message,
      }),
    );
    i = Math.max(end, g);
  }
  return out;
}

// ---------------------------------------------------------------------------------------- Java

const JAVA_THREAD = /^Exception in thread "[^"]*" ([\w$]+(?:\.[\w$]+)+)(?::\s*(.*))?$/;
const JAVA_BARE = /^((?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable|Failure|Fault))(?::\s*(.*))?$/;
const JAVA_CAUSE = /^\s*Caused by: ([\w$]+(?:\.[\w$]+)+)(?::\s*(.*))?$/;
const JAVA_AT = /^\s+at (?:[\w.$-]*(?:@[\w.-]+)?\/\/?)?([\w$.<>]+)\(([^)]*)\)/;
const JAVA_MORE = /^\s+\.\.\. \d+ (?:more|common frames omitted)/;
const JAVA_SUPPRESSED = /^\s+Suppressed: /;
const JAVA_WORDS = /Exception|Error|Throwable|Failure|Fault/;

interface JavaSection {
  type: string;
  message: string;
  frames: string[];
}

/** Reads an exception and its cause chain starting at line `i`. */
function javaChain(lines: readonly LogLine[], i: number, first: JavaSection): { chain: JavaSection[]; end: number } {
  const chain = [first];
  let cur = first;
  let end = i;
  let suppressed = false;
  for (let j = i + 1; j < lines.length; j++) {
    const body = lines[j]!.body;
    const at = JAVA_AT.exec(body);
    if (at) {
      if (!suppressed) cur.frames.push(at[1]!);
      end = j;
      continue;
    }
    if (JAVA_MORE.test(body)) {
      end = j;
      continue;
    }
    if (JAVA_SUPPRESSED.test(body)) {
      suppressed = true;
      end = j;
      continue;
    }
    const cause = JAVA_CAUSE.exec(body);
    if (cause) {
      suppressed = false;
      cur = { type: cause[1]!, message: cause[2] ?? '', frames: [] };
      chain.push(cur);
      end = j;
      continue;
    }
    break;
  }
  return { chain, end };
}

/**
 * Uncaught exceptions (`Exception in thread "main" …`) and logged stack traces.
 * @example findJavaCrashes(parseLines(jvmOutput))[0]?.title
 */
export function findJavaCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.body;
    if (!JAVA_WORDS.test(body)) continue;
    let m = JAVA_THREAD.exec(body);
    if (!m) {
      // A bare `pkg.SomeException: msg` counts only when `at` frames follow.
      m = JAVA_BARE.exec(body);
      if (!m || !lines[i + 1] || !JAVA_AT.test(lines[i + 1]!.body)) continue;
    }
    const { chain, end } = javaChain(lines, i, { type: m[1]!, message: m[2] ?? '', frames: [] });
    // The root cause names the failure; its frames fall back to the enclosing trace's when
    // they were all elided as `... N more`.
    const root = chain[chain.length - 1]!;
    let frames = root.frames;
    for (let k = chain.length - 1; frames.length === 0 && k >= 0; k--) frames = chain[k]!.frames;
    const guilty = frames.find((f) => !isRuntimeFrame(f)) ?? frames[0] ?? '';
    out.push(exceptionCrash({ kind: 'java-exception', type: root.type, message: root.message, frames, guilty, startLine: i, endLine: end }));
    i = end;
  }
  return out;
}
