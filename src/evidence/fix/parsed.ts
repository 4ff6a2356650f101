/**
 * A parsed message as both parsers build it: tags in order and value bounds into the text it was
 * read from, each value sliced only when read, as most never are.
 */
import type { FixIssue, FixMessage } from './types.js';

export class ParsedMessage implements FixMessage {
  beginString = '';
  msgType: string | null = null;

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

  value(index: number): string {
    const from = this.bounds[2 * index];
    return from === undefined ? '' : this.source.slice(from, this.bounds[2 * index + 1]);
  }

  private named(): void {
    const tags = this.tags;
    this.beginString = tags[0] === 8 ? this.value(0) : '';
    const typeAt = tags.indexOf(35);
    this.msgType = typeAt < 0 ? null : this.value(typeAt);
  }
}
