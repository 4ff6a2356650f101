/**
 * A parsed message as both parsers build it: tags in order and value bounds into the text it was
 * read from, each value sliced only when read, as most never are.
 */
import type { FixIssue, FixMessage } from './types.js';

export class ParsedMessage implements FixMessage {
  readonly beginString: string;
  readonly msgType: string | null;

  /** Value i runs from bounds[2i] to bounds[2i+1] of `source`. */
  constructor(
    private readonly source: string,
    private readonly start: number,
    private readonly end: number,
    readonly separator: string,
    readonly tags: number[],
    private readonly bounds: number[],
    readonly issues: FixIssue[],
  ) {
    this.beginString = tags[0] === 8 ? this.value(0) : '';
    const typeAt = tags.indexOf(35);
    this.msgType = typeAt < 0 ? null : this.value(typeAt);
  }

  get raw(): string {
    return this.source.slice(this.start, this.end);
  }

  value(index: number): string {
    const from = this.bounds[2 * index];
    return from === undefined ? '' : this.source.slice(from, this.bounds[2 * index + 1]);
  }
}
