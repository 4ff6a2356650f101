/**
 * Splitting one CSV line. Numeric rows take a plain split; only lines with quotes or braces go through
 * the tokenizer, which keeps RFC 4180 quoting and does not split inside a selector's `{…}`.
 */

const CANDIDATES = [',', ';', '\t'] as const;

/**
 * The delimiter used by a header line: the most frequent of comma, semicolon and tab outside
 * quotes and braces; comma when none occurs.
 * @example detectDelimiter('time;cpu;mem') === ';'
 */
export function detectDelimiter(header: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const n = splitRow(header, d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Splits a line into cells. Quoted cells lose their quotes (`""` becomes `"`); a delimiter inside
 * `{…}` of an unquoted cell does not split, so `cpu{a="1",b="2"}` stays one cell.
 * @example splitRow('t,cpu{a="1",b="2"},"x,y"', ',') // → ['t', 'cpu{a="1",b="2"}', 'x,y']
 */
export function splitRow(line: string, delimiter: string): string[] {
  if (!line.includes('"') && !line.includes('{')) return line.split(delimiter);
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        const c = line[i];
        if (c === '"') {
          if (line[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += c;
        i++;
      }
      // Text between a closing quote and the delimiter is kept rather than lost.
      while (i < line.length && line[i] !== delimiter) cell += line[i++];
    } else {
      let depth = 0;
      let quote = '';
      while (i < line.length) {
        const c = line[i] ?? '';
        if (quote) {
          if (c === '\\') {
            cell += c + (line[i + 1] ?? '');
            i += 2;
            continue;
          }
          if (c === quote) quote = '';
        } else if (depth > 0 && (c === '"' || c === "'")) {
          quote = c;
        } else if (c === '{') {
          depth++;
        } else if (c === '}') {
          depth = Math.max(0, depth - 1);
        } else if (c === delimiter && depth === 0) {
          break;
        }
        cell += c;
        i++;
      }
    }
    cells.push(cell);
    if (i >= line.length) return cells;
    i++; // the delimiter
  }
}
