/**
 * A parsed message as both parsers build it: tags in order and value bounds into the text it was
 * read from, each value sliced only when read, as most never are.
 */
import type { FixIssue, FixMessage } from './types.js';

// Tags below this are found through a TagIndex: every standard tag of FIX 4.x and most of 5.0.
const INDEXED_TAGS = 2048;

/**
 * Where each tag first stands in one message, for a message object reused from line to line: a
 * lookup in place of a search along its tags, which the engine does a dozen times per message.
 * Entries of earlier messages are told apart by a generation stamp, so nothing is cleared per message.
 */
export class TagIndex {
  private readonly stamps = new Uint32Array(INDEXED_TAGS);
  private readonly at = new Int32Array(INDEXED_TAGS);
  private generation = 1;

  /** Forgets the previous message. */
  next(): void {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  /** Field `index` has `tag` (only its first occurrence counts). */
  note(tag: number, index: number): void {
    if (tag < INDEXED_TAGS && this.stamps[tag] !== this.generation) {
      this.stamps[tag] = this.generation;
      this.at[tag] = index;
    }
  }

  /** `tags.indexOf(tag)` for the message noted since `next`. */
  find(tag: number, tags: readonly number[]): number {
    if (!(tag >= 0 && tag < INDEXED_TAGS && (tag | 0) === tag)) return tags.indexOf(tag);
    return this.stamps[tag] === this.generation ? (this.at[tag] ?? -1) : -1;
  }
}

export class ParsedMessage implements FixMessage {
  beginString = '';
  msgType: string | null = null;
  /** Set by a reader that notes each field's tag in it while reading. */
  index: TagIndex | null = null;

  /** Value i runs from bounds[2i] to bounds[2i+1] of `source`. */
  constructor(
    private source: string,
    private start: number,
    private end: number,
    public separator: string,
    readonly tags: number[],
    private readonly bounds: number[],
    readonly issues: FixIssue[],
  ) {
    this.named();
  }

  /**
   * Points the message at `source[start…end)` once its arrays hold that message's fields: how a
   * reader reuses one message object from line to line.
   */
  reset(source: string, start: number, end: number, separator: string): void {
    this.source = source;
    this.start = start;
    this.end = end;
    this.separator = separator;
    this.named();
  }

  get raw(): string {
    return this.source.slice(this.start, this.end);
  }

  /** Where `tag` first stands, or -1: `tags.indexOf(tag)`. */
  fieldIndex(tag: number): number {
    return this.index === null ? this.tags.indexOf(tag) : this.index.find(tag, this.tags);
  }

  /** Whether the value at `index` is the text `s`, read in place (nothing cut out). */
  valueIs(index: number, s: string): boolean {
    const from = this.bounds[2 * index];
    const to = this.bounds[2 * index + 1];
    if (from === undefined || to === undefined) return s === '';
    if (to - from !== s.length) return false;
    const source = this.source;
    for (let i = 0; i < s.length; i++) if (source.charCodeAt(from + i) !== s.charCodeAt(i)) return false;
    return true;
  }

  value(index: number): string {
    const from = this.bounds[2 * index];
    return from === undefined ? '' : this.source.slice(from, this.bounds[2 * index + 1]);
  }

  private named(): void {
    const tags = this.tags;
    // A message reused from line to line keeps its BeginString while the text repeats it (a copy,
    // as it may be kept for long): one string for the whole log rather than one per line.
    if (tags[0] !== 8) this.beginString = '';
    else if (this.index === null) this.beginString = this.value(0);
    else if (!this.valueIs(0, this.beginString)) this.beginString = ` ${this.value(0)}`.slice(1);
    const typeAt = this.fieldIndex(35);
    this.msgType = typeAt < 0 ? null : this.value(typeAt);
  }
}
