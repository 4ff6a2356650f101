/**
 * New and bursting log templates in the window, against the baseline before it, as timeline events:
 * the first occurrence of a message shape never seen before is often the first sign of a failure.
 */
import { createTemplateMiner, detectTemplateChanges, type TemplateMiner } from '../../analysis/templates/index.js';
import { formatTimestamp } from '../../shared/time.js';
import type { MetadataValue, TimelineEvent } from './event.js';

/** Fewer baseline lines than this and "new" means nothing: every template would be new. */
const MIN_BASELINE_LINES = 20;
/** At most this many template events per file, so a noisy file cannot drown the timeline. */
const MAX_EVENTS = 25;

export class TemplateTracker {
  readonly #miner: TemplateMiner = createTemplateMiner({ trackLines: true });
  #times = new BigInt64Array(1024);
  #lines = new Int32Array(1024);
  #n = 0;

  constructor(
    private readonly window: { start: bigint; end: bigint; baselineStart: bigint },
    private readonly file: string,
  ) {}

  /** Feeds one record; records outside [baselineStart, end) are ignored. */
  add(message: string, ns: bigint, line: number): void {
    if (ns < this.window.baselineStart || ns >= this.window.end) return;
    if (this.#n === this.#times.length) {
      const t = new BigInt64Array(this.#n * 2);
      t.set(this.#times);
      this.#times = t;
      const l = new Int32Array(this.#n * 2);
      l.set(this.#lines);
      this.#lines = l;
    }
    this.#miner.add(message);
    this.#times[this.#n] = ns;
    this.#lines[this.#n] = line;
    this.#n++;
  }

  /** The events, and a note when the baseline was too thin to judge. */
  events(): { events: TimelineEvent[]; note?: string } {
    const n = this.#n;
    const ids = this.#miner.lineTemplates().subarray(0, n);
    const times = this.#times.subarray(0, n);
    const templates = this.#miner.templates();
    const changes = detectTemplateChanges(times, ids, { start: this.window.start, end: this.window.end }, { baselineStart: this.window.baselineStart });
    if (changes.baselineLines < MIN_BASELINE_LINES) {
      return { events: [], note: `only ${changes.baselineLines} lines before the window: new-template detection skipped` };
    }
    const firstIn = (k: number): { ns: bigint; line: number } | null => {
      for (let i = 0; i < n; i++) if (ids[i] === k && (times[i] as bigint) >= this.window.start) return { ns: times[i] as bigint, line: this.#lines[i] as number };
      return null;
    };
    const out: TimelineEvent[] = [];
    const push = (k: number, type: string, text: string, meta: Record<string, MetadataValue>) => {
      const t = templates[k];
      const first = firstIn(k);
      if (!t || !first) return;
      out.push({
        timestamp: formatTimestamp(first.ns, 9),
        ns: first.ns,
        source: 'log',
        event_type: type,
        description: `${text}: ${t.template}`,
        metadata: { file: this.file, line: first.line, template_id: t.templateId, ...meta },
      });
    };
    for (const nt of changes.newTemplates.slice(0, MAX_EVENTS)) push(nt.templateId, 'new_template', 'First occurrence of', { window_count: nt.windowCount });
    for (const b of changes.bursting.slice(0, Math.max(0, MAX_EVENTS - out.length))) {
      push(b.templateId, 'template_burst', `Burst (${b.ratio.toFixed(1)}× the baseline rate)`, { window_count: b.windowCount, baseline_count: b.baselineCount, ratio: Number(b.ratio.toFixed(2)) });
    }
    return { events: out };
  }
}
