/**
 * JavaScript errors with V8's stack format: Node.js's uncaught exception (the throwing source line,
 * a caret, then `TypeError: msg` and `    at fn (file:line:col)` frames) or an error a logger
 * printed with its stack, named after the program's own innermost frame (not Node's internals
 * nor a dependency in node_modules).
 */
import type { LogLine } from './text.js';
import type { Crash } from './types.js';
import { exceptionCrash } from './user-frames.js';

// `TypeError: Cannot read properties of undefined`, `Error [ERR_SOCKET_CLOSED]: Socket is closed`,
// `AbortError: The operation was aborted`, `Uncaught RangeError: …`.
const HEADER = /^\s*(?:Uncaught )?((?:[A-Z]\w*)?(?:Error|Exception))(?: \[([A-Z0-9_]+)\])?(?::\s*(.*?))?\s*$/;
// `    at Router.route (/opt/gw/router.js:120:11)`, `    at async Session.on (file:///x.mjs:3:5)`,
// `    at /opt/gw/index.js:10:3` (anonymous), `    at new Book (/x.js:1:2)`.
const AT = /^\s+at (?:async )?(?:(new )?(.+?) \((.+?)\)|(.+:\d+:\d+))\s*$/;
const MORE = /^\s+\.\.\. \d+ more lines? matching cause stack trace\s*$/;

interface JsFrame {
  name: string;
  /** Node's own code or a dependency's: never what names the bug when the program's own frame is there. */
  foreign: boolean;
}

function jsFrame(m: RegExpExecArray): JsFrame {
  const location = (m[3] ?? m[4] ?? '').replace(/:\d+:\d+$/, '');
  const foreign = location.startsWith('node:') || location.includes('/node_modules/') || location.includes('\\node_modules\\');
  // An anonymous function is known by its file.
  const file = location.split(/[\\/]/).pop() ?? location;
  const name = m[2] !== undefined ? `${m[1] ?? ''}${m[2]}`.replace(/^Object\.<anonymous>$/, `<anonymous> (${file})`) : `<anonymous> (${file})`;
  return { name, foreign };
}

/**
 * JavaScript errors followed by at least one V8 stack frame.
 * @example findNodeCrashes(parseLines('TypeError: x is not a function\n    at run (/app/a.js:1:2)'))[0]?.title === 'TypeError in run'
 */
export function findNodeCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.body;
    if (!body.includes('Error') && !body.includes('Exception')) continue;
    const h = HEADER.exec(body);
    if (!h || !lines[i + 1] || !AT.test(lines[i + 1]!.body)) continue;
    const frames: JsFrame[] = [];
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const b = lines[j]!.body;
      const at = AT.exec(b);
      if (at) frames.push(jsFrame(at));
      else if (!MORE.test(b)) break;
      end = j;
    }
    const guilty = (frames.find((f) => !f.foreign) ?? frames[0])?.name ?? '';
    const type = h[2] !== undefined ? `${h[1]} [${h[2]}]` : h[1]!;
    out.push(exceptionCrash({ kind: 'js-exception', type, message: h[3] ?? '', frames: frames.map((f) => f.name), guilty, startLine: i, endLine: end }));
    i = end;
  }
  return out;
}
