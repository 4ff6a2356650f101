/**
 * .NET exceptions: an unhandled one (`Unhandled exception. System.X: msg`, .NET Framework's
 * `Unhandled Exception:`) or one a logger printed (`System.X: msg` followed by `   at` frames),
 * with its inner exceptions (` ---> System.Y: msg`), named after the innermost one and the
 * program's own innermost frame.
 */
import type { LogLine } from './text.js';
import type { Crash } from './types.js';
import { exceptionCrash, isRuntimeFrame } from './user-frames.js';

// .NET namespaces are PascalCase (`System.IO.IOException`, `Acme.Oms.OrderRejectedException`).
const TYPE = '((?:[A-Z][\\w`]*\\.)+[A-Z][\\w`]*(?:Exception|Error))';
const UNHANDLED = new RegExp(`^\\s*Unhandled [Ee]xception[.:]\\s+${TYPE}(?::\\s*(.*?))?\\s*$`);
const BARE = new RegExp(`^\\s*${TYPE}(?::\\s*(.*?))?\\s*$`);
const INNER = new RegExp(`^\\s*--->\\s+${TYPE}(?::\\s*(.*?))?\\s*$`);
// `   at Acme.Oms.Router.Route(Order order) in /src/Router.cs:line 42`
const AT = /^\s+at ([\w.`<>$|[\],+]+?)\((.*)\)(?: in .+)?\s*$/;
const END_INNER = /^\s*--- End of inner exception stack trace ---\s*$/;
// Async methods print `--- End of stack trace from previous location ---` between their parts.
const MARKER = /^\s*--- End of stack trace from previous location(?: where exception was thrown)? ---\s*$/;

/** `Acme.Oms.Router.<RouteAsync>d__5.MoveNext` -> `Acme.Oms.Router.RouteAsync`; generic arity marks dropped. */
function frameName(s: string): string {
  const stateMachine = /^(.*)\.<([^>]+)>d__\d+\.MoveNext$/.exec(s);
  const name = stateMachine ? `${stateMachine[1]}.${stateMachine[2]}` : s;
  return name.replace(/`\d+/g, '').replace(/\[[^\]]*\]$/, '');
}

/**
 * .NET exceptions with their `at` frames.
 * @example findDotnetCrashes(parseLines('Unhandled exception. System.Exception: x\n   at A.B.C()'))[0]?.kind === 'dotnet-exception'
 */
export function findDotnetCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.body;
    if (!body.includes('Exception') && !body.includes('Error')) continue;
    let m = UNHANDLED.exec(body);
    // A bare `System.X: msg` is an exception only when a frame or an inner exception follows it.
    if (!m && (m = BARE.exec(body)) && !(lines[i + 1] && (AT.test(lines[i + 1]!.body) || INNER.test(lines[i + 1]!.body)))) m = null;
    if (!m) continue;
    let type = m[1]!;
    let message = m[2] ?? '';
    // The innermost exception's frames come first, up to the first `End of inner exception`.
    const frames: string[] = [];
    let innerDone = false;
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const b = lines[j]!.body;
      const inner = INNER.exec(b);
      if (inner) {
        type = inner[1]!;
        message = inner[2] ?? '';
        end = j;
        continue;
      }
      const at = AT.exec(b);
      if (at) {
        if (!innerDone) frames.push(frameName(at[1]!));
        end = j;
        continue;
      }
      if (END_INNER.test(b)) {
        innerDone = true;
        end = j;
        continue;
      }
      if (MARKER.test(b)) {
        end = j;
        continue;
      }
      break;
    }
    const guilty = frames.find((f) => !isRuntimeFrame(f)) ?? frames[0] ?? '';
    out.push(exceptionCrash({ kind: 'dotnet-exception', type, message, frames, guilty, startLine: i, endLine: end }));
    i = end;
  }
  return out;
}
