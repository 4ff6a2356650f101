/**
 * Best-effort demanglers that recover the qualified *function name* (no parameter types) from
 * Itanium C++ (`_ZN4Book5eraseEm` -> `Book::erase`) and Rust v0 symbols (`_RNv…`), because raw
 * backtraces from glibc and the kernel print mangled names and signatures must match the
 * demangled names printed by gdb and the sanitizers. Anything not understood is returned as is.
 */

/**
 * Demangles a symbol if it is Itanium C++ or Rust v0; returns the input otherwise.
 * @example demangle('_ZN4Book5eraseEm') === 'Book::erase'
 */
export function demangle(symbol: string): string {
  try {
    if (symbol.startsWith('_Z')) return demangleItanium(symbol) ?? symbol;
    if (symbol.startsWith('_R')) return demangleRustV0(symbol) ?? symbol;
  } catch {
    // A malformed symbol is still a usable identifier.
  }
  return symbol;
}

// ---------------------------------------------------------------- Itanium C++ (names only)

const STD_ABBREV: Record<string, string> = {
  t: 'std', a: 'std::allocator', b: 'std::basic_string', s: 'std::string',
  i: 'std::istream', o: 'std::ostream', d: 'std::iostream',
};

const OPERATORS: Record<string, string> = {
  nw: 'new', na: 'new[]', dl: 'delete', da: 'delete[]', ps: '+', ng: '-', ad: '&', de: '*',
  co: '~', pl: '+', mi: '-', ml: '*', dv: '/', rm: '%', an: '&', or: '|', eo: '^', aS: '=',
  pL: '+=', mI: '-=', mL: '*=', dV: '/=', rM: '%=', aN: '&=', oR: '|=', eO: '^=', ls: '<<',
  rs: '>>', lS: '<<=', rS: '>>=', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=',
  ss: '<=>', nt: '!', aa: '&&', oo: '||', pp: '++', mm: '--', cm: ',', pm: '->*', pt: '->',
  cl: '()', ix: '[]', qu: '?',
};

class Cursor {
  pos: number;
  constructor(readonly s: string, pos: number) {
    this.pos = pos;
  }
  peek(n = 0): string {
    return this.s[this.pos + n] ?? '';
  }
  eat(prefix: string): boolean {
    if (this.s.startsWith(prefix, this.pos)) {
      this.pos += prefix.length;
      return true;
    }
    return false;
  }
  number(): number | null {
    const m = /^\d+/.exec(this.s.slice(this.pos, this.pos + 12));
    if (!m) return null;
    this.pos += m[0].length;
    return Number(m[0]);
  }
}

function demangleItanium(sym: string): string | null {
  const c = new Cursor(sym, 2);
  const subs: string[] = [];
  const name = itaniumName(c, subs);
  return name && name.length > 0 ? name : null;
}

function itaniumName(c: Cursor, subs: string[]): string | null {
  if (c.eat('N')) return itaniumNested(c, subs);
  if (c.eat('Z')) {
    // Local entity: <function encoding> E <entity name>; report the enclosing function.
    const outer = itaniumName(c, subs);
    return outer;
  }
  if (c.eat('St')) {
    const n = itaniumUnqualified(c, null);
    return n === null ? null : `std::${n}`;
  }
  const n = itaniumUnqualified(c, null);
  if (n !== null && c.peek() === 'I') skipTemplateArgs(c);
  return n;
}

function itaniumNested(c: Cursor, subs: string[]): string | null {
  // CV and ref qualifiers of member functions.
  while ('rVKRO'.includes(c.peek()) && c.peek() !== '') c.pos++;
  const parts: string[] = [];
  let last = '';
  while (c.pos < c.s.length && c.peek() !== 'E') {
    if (c.peek() === 'S') {
      const sub = itaniumSubstitution(c, subs);
      if (sub === null) return null;
      parts.push(sub);
      continue;
    }
    if (c.peek() === 'I') {
      skipTemplateArgs(c);
      if (parts.length > 0) parts[parts.length - 1] += '<>';
      subs.push(parts.join('::'));
      continue;
    }
    if (c.eat('L')) continue; // internal linkage marker before a source name
    const n = itaniumUnqualified(c, last);
    if (n === null) return null;
    parts.push(n);
    last = n;
    subs.push(parts.join('::'));
  }
  c.eat('E');
  return parts.join('::').replace(/<>/g, '');
}

function itaniumSubstitution(c: Cursor, subs: string[]): string | null {
  c.eat('S');
  const abbrev = STD_ABBREV[c.peek()];
  if (abbrev !== undefined) {
    c.pos++;
    return abbrev;
  }
  if (c.eat('_')) return subs[0] ?? null;
  const m = /^[0-9A-Z]+_/.exec(c.s.slice(c.pos));
  if (!m) return null;
  c.pos += m[0].length;
  const idx = parseInt(m[0].slice(0, -1), 36) + 1;
  return subs[idx] ?? null;
}

function itaniumUnqualified(c: Cursor, enclosing: string | null): string | null {
  const ch = c.peek();
  if (ch >= '0' && ch <= '9') {
    const len = c.number();
    if (len === null) return null;
    const id = c.s.slice(c.pos, c.pos + len);
    c.pos += len;
    return id.startsWith('_GLOBAL__N') ? '(anonymous namespace)' : id;
  }
  if (ch === 'C' && /[1-5I]/.test(c.peek(1))) {
    c.pos += 2;
    return enclosing ?? 'ctor';
  }
  if (ch === 'D' && /[0-5]/.test(c.peek(1))) {
    c.pos += 2;
    return `~${enclosing ?? 'dtor'}`;
  }
  if (c.eat('cv')) {
    skipType(c);
    return 'operator conversion';
  }
  const op = OPERATORS[c.s.slice(c.pos, c.pos + 2)];
  if (op !== undefined) {
    c.pos += 2;
    return `operator${op}`;
  }
  if (c.eat('Ut')) {
    c.number();
    c.eat('_');
    return '{unnamed type}';
  }
  if (c.eat('Ul')) {
    // Lambda: skip its parameter types up to E, then the discriminator.
    let depth = 1;
    while (c.pos < c.s.length && depth > 0) depth += skipToken(c);
    c.number();
    c.eat('_');
    return '{lambda}';
  }
  return null;
}

/** Skips one token of a type or template argument list, returning the nesting change. */
function skipToken(c: Cursor): number {
  const ch = c.peek();
  if (ch >= '0' && ch <= '9') {
    const len = c.number() ?? 0;
    c.pos += len;
    return 0;
  }
  c.pos++;
  if (ch === 'E') return -1;
  if (ch === 'I' || ch === 'N' || ch === 'L' || ch === 'X' || ch === 'J') return 1;
  return 0;
}

function skipTemplateArgs(c: Cursor): void {
  c.eat('I');
  let depth = 1;
  while (c.pos < c.s.length && depth > 0) depth += skipToken(c);
}

function skipType(c: Cursor): void {
  let depth = 0;
  do {
    depth += skipToken(c);
  } while (depth > 0 && c.pos < c.s.length);
}

// ---------------------------------------------------------------- Rust v0

function demangleRustV0(sym: string): string | null {
  const c = new Cursor(sym, 2);
  // Optional encoding version digits.
  while (/[0-9]/.test(c.peek())) c.pos++;
  const base = c.pos;
  const out = rustPath(c, base, 0);
  return out && out.length > 0 ? out : null;
}

function base62(c: Cursor): number {
  if (c.eat('_')) return 0;
  let n = 0;
  for (;;) {
    const ch = c.peek();
    c.pos++;
    if (ch === '_') return n + 1;
    const d = /[0-9]/.test(ch) ? ch.charCodeAt(0) - 48
      : /[a-z]/.test(ch) ? ch.charCodeAt(0) - 87
      : /[A-Z]/.test(ch) ? ch.charCodeAt(0) - 29 : -1;
    if (d < 0) throw new Error('bad base62');
    n = n * 62 + d;
  }
}

function rustIdent(c: Cursor): string {
  if (c.eat('s')) base62(c);
  c.eat('u');
  const len = c.number();
  if (len === null) throw new Error('bad identifier');
  c.eat('_');
  const id = c.s.slice(c.pos, c.pos + len);
  c.pos += len;
  return id;
}

function rustBackref(c: Cursor, base: number, depth: number, read: (c: Cursor) => string): string {
  const target = base + base62(c);
  if (depth > 20) throw new Error('backref loop');
  return read(new Cursor(c.s, target));
}

function rustPath(c: Cursor, base: number, depth: number): string {
  const tag = c.peek();
  c.pos++;
  switch (tag) {
    case 'C':
      return rustIdent(c);
    case 'N': {
      c.pos++; // namespace letter
      const parent = rustPath(c, base, depth + 1);
      const id = rustIdent(c);
      return id === '' ? parent : `${parent}::${id}`;
    }
    case 'M': {
      if (c.eat('s')) base62(c);
      rustPath(c, base, depth + 1);
      return `<${rustType(c, base, depth + 1)}>`;
    }
    case 'X': {
      if (c.eat('s')) base62(c);
      rustPath(c, base, depth + 1);
      const ty = rustType(c, base, depth + 1);
      const trait = rustPath(c, base, depth + 1);
      return `<${ty} as ${trait}>`;
    }
    case 'Y': {
      const ty = rustType(c, base, depth + 1);
      const trait = rustPath(c, base, depth + 1);
      return `<${ty} as ${trait}>`;
    }
    case 'I': {
      const p = rustPath(c, base, depth + 1);
      const args: string[] = [];
      while (!c.eat('E')) args.push(rustGenericArg(c, base, depth + 1));
      return `${p}::<${args.join(', ')}>`;
    }
    case 'B':
      return rustBackref(c, base, depth, (b) => rustPath(b, base, depth + 1));
    default:
      throw new Error(`bad path tag ${tag}`);
  }
}

const RUST_BASIC: Record<string, string> = {
  a: 'i8', b: 'bool', c: 'char', d: 'f64', e: 'str', f: 'f32', h: 'u8', i: 'isize', j: 'usize',
  l: 'i32', m: 'u32', n: 'i128', o: 'u128', s: 'i16', t: 'u16', u: '()', v: '...', x: 'i64',
  y: 'u64', z: '!', p: '_',
};

function rustGenericArg(c: Cursor, base: number, depth: number): string {
  if (c.eat('L')) {
    base62(c);
    return "'_";
  }
  if (c.eat('K')) return rustConst(c, base, depth);
  return rustType(c, base, depth);
}

function rustConst(c: Cursor, base: number, depth: number): string {
  if (c.eat('p')) return '_';
  if (c.eat('B')) return rustBackref(c, base, depth, (b) => rustConst(b, base, depth + 1));
  const ty = c.peek();
  c.pos++;
  const neg = c.eat('n');
  let hex = '';
  while (c.peek() !== '_' && c.pos < c.s.length) hex += c.s[c.pos++];
  c.eat('_');
  if (ty === 'b') return hex === '1' ? 'true' : 'false';
  return `${neg ? '-' : ''}${hex === '' ? 0 : parseInt(hex, 16)}`;
}

function rustType(c: Cursor, base: number, depth: number): string {
  if (depth > 40) throw new Error('too deep');
  const ch = c.peek();
  const basic = RUST_BASIC[ch];
  if (basic !== undefined) {
    c.pos++;
    return basic;
  }
  switch (ch) {
    case 'R':
    case 'Q': {
      c.pos++;
      if (c.eat('L')) base62(c);
      return `&${ch === 'Q' ? 'mut ' : ''}${rustType(c, base, depth + 1)}`;
    }
    case 'P':
    case 'O':
      c.pos++;
      return `*${ch === 'P' ? 'const' : 'mut'} ${rustType(c, base, depth + 1)}`;
    case 'A': {
      c.pos++;
      const t = rustType(c, base, depth + 1);
      return `[${t}; ${rustConst(c, base, depth + 1)}]`;
    }
    case 'S':
      c.pos++;
      return `[${rustType(c, base, depth + 1)}]`;
    case 'T': {
      c.pos++;
      const items: string[] = [];
      while (!c.eat('E')) items.push(rustType(c, base, depth + 1));
      return `(${items.join(', ')})`;
    }
    case 'F':
      throw new Error('fn types are not needed for frame names');
    case 'D':
      throw new Error('dyn types are not needed for frame names');
    case 'B':
      c.pos++;
      return rustBackref(c, base, depth, (b) => rustType(b, base, depth + 1));
    default:
      return rustPath(c, base, depth + 1);
  }
}
