/**
 * Batch entry point: mines a whole list of messages and returns the final template of each.
 */
import { createTemplateMiner, type MinedTemplate, type TemplateMinerOptions } from './miner.js';

export interface MinedTemplates {
  /** Final templates, most frequent first. */
  templates: MinedTemplate[];
  /** For each message, its index in `templates`. */
  lineTemplates: Int32Array;
}

/**
 * Mines templates from messages (the text after the log header).
 * @example
 * const { templates, lineTemplates } = mineTemplates(['took 3 ms', 'took 12 ms']);
 * templates[lineTemplates[0]].template // 'took <*> ms'
 */
export function mineTemplates(messages: Iterable<string>, options: Omit<TemplateMinerOptions, 'trackLines'> = {}): MinedTemplates {
  const miner = createTemplateMiner({ ...options, trackLines: true });
  for (const m of messages) miner.add(m);
  return { templates: miner.templates(), lineTemplates: miner.lineTemplates() };
}
