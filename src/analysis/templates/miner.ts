/**
 * The online template miner. Each line is reduced to a signature (its masked token sequence) through
 * two caches: skeleton → signature for lines seen in the same shape, then masked fingerprint →
 * signature. Signatures are grouped into templates by cluster.ts, re-run as the number of
 * signatures doubles and once more before results are read, so early answers may be refined.
 */
import { grown } from './arrays.js';
import { WILDCARD } from './chars.js';
import { clusterSignatures, type Signature } from './cluster.js';
import { renderTemplate } from './columns.js';
import { uniqueTemplateIds } from './ids.js';
import { shapeKey, tokensFit } from './fit.js';
import { foldQuantities, foldTemplates, mergeRuns } from './merge.js';
import { MaskScanner } from './scanner.js';
import { skeletonHash, skeletonLane2 } from './skeleton.js';
import { skeletonBytesLane2, skeletonHashBytes } from './skeleton-bytes.js';
import { FingerprintCache, FingerprintTable } from './table.js';

export interface TemplateMinerOptions {
  /**
   * Most distinct masked token sequences kept (memory bound). Past it, a new sequence joins the
   * template it fits, or else the overflow template.
   */
  maxSignatures?: number;
  /** Keep one int per line so that lineTemplates()/assignments() can give each line's final template. */
  trackLines?: boolean;
}

/** The one configuration of the grouping: a column with at least this many distinct values is a variable. */
const MAX_CONSTANTS = 5;

/** Examples are kept per signature; a cut keeps memory proportional to the signature cap. */
const MAX_EXAMPLE = 2000;

/** The template a line belongs to. */
export interface TemplateMatch {
  readonly templateId: string;
  readonly template: string;
}

export interface MinedTemplate extends TemplateMatch {
  /** Template tokens, variables as `<*>`. */
  readonly tokens: readonly string[];
  /** Number of lines. */
  readonly count: number;
  /** Index (0-based, in add order) of the first line. */
  readonly firstLine: number;
  /** The first line, as given (cut at 2,000 characters). */
  readonly example: string;
}

export interface TemplateMiner {
  /** Adds one message and returns its template as known now. */
  add(message: string): TemplateMatch;
  /**
   * Adds one message given as UTF-8 bytes [start, end) of `bytes`: same result as add() of the
   * decoded text, but a line seen before in the same shape is never decoded (fast file mining).
   */
  addBytes(bytes: Uint8Array, start?: number, end?: number): TemplateMatch;
  /** Final templates, most frequent first (ties: first seen first). */
  templates(): MinedTemplate[];
  /** For each added line, its index in templates() (needs trackLines). */
  lineTemplates(): Int32Array;
  /** For each added line, its final template id (needs trackLines). */
  assignments(): string[];
  /**
   * Counts one line by the skeleton key of its text (skeletonHash and skeletonLane2, or their byte
   * versions when `bytes`) if that skeleton is cached, and returns its template; otherwise counts
   * nothing and returns undefined, and the caller adds the line with add() or addBytes(). Lets the
   * costly per-line hashing run elsewhere (worker threads) with the same result as add().
   */
  addCached(k1: number, k2: number, bytes?: boolean): TemplateMatch | undefined;
  /** Signature (distinct masked token sequence) of the last added line; -1 for overflow. */
  readonly lastSignature: number;
  /** For each signature, its final template as an index into templates(). */
  signatureTemplates(): Int32Array;
  /** Lines added so far. */
  readonly lineCount: number;
  /** Lines that fit no template after maxSignatures was reached. */
  readonly overflowCount: number;
}

/** Template of lines that arrived after the signature cap and fit no known template. */
export const OVERFLOW_TEMPLATE = '<overflow>';

interface Cluster {
  /** What add() returns: frozen, shared by all lines of the cluster. */
  match: TemplateMatch;
  tokens: readonly string[];
}

function makeCluster(templateId: string, template: string, tokens: readonly string[]): Cluster {
  return { match: Object.freeze({ templateId, template }), tokens: Object.freeze(tokens.slice()) };
}

/**
 * Creates an online miner with the one default configuration.
 * @example
 * const miner = createTemplateMiner();
 * miner.add('Connection from 10.0.0.1 closed');
 * miner.add('Connection from 10.0.0.2 closed').template // 'Connection from <*> closed'
 */
export function createTemplateMiner(options: TemplateMinerOptions = {}): TemplateMiner {
  return new Miner(options);
}

class Miner implements TemplateMiner {
  private readonly maxSignatures: number;
  private readonly trackLines: boolean;
  private readonly scanner = new MaskScanner();
  private readonly skeletonCache = new FingerprintCache(1 << 16);
  private readonly byteCache = new FingerprintCache(1 << 16);
  private readonly decoder = new TextDecoder();
  private readonly scratch = new Uint8Array(SCRATCH_BYTES);
  private lastExact = false; // the last signatureOf() came from, or may go into, the skeleton cache
  private readonly index = new FingerprintTable(1024);
  // signatures, by id
  private readonly sigTokens: string[][] = [];
  private sigCount = new Float64Array(1024);
  private sigFirst = new Float64Array(1024);
  private readonly sigExample: string[] = [];
  private sigCluster = new Int32Array(1024);
  // clusters as of the last refinement, plus provisional ones for newer signatures
  private clusters: Cluster[] = [];
  private clusterRep: number[] = []; // first signature of each cluster
  // clusters by length and first token (any token holding a wildcard counts as '<*>'), for fit()
  private byShape = new Map<string, number[]>();
  private nextRefine = 64;
  private dirty = false;
  // per line
  private lineSig = new Int32Array(0);
  lineCount = 0;
  overflowCount = 0;
  lastSignature = -1;
  private final: { templates: MinedTemplate[]; ofCluster: Int32Array } | undefined;

  constructor({ maxSignatures = 100_000, trackLines = true }: TemplateMinerOptions) {
    this.maxSignatures = maxSignatures;
    this.trackLines = trackLines;
    if (trackLines) this.lineSig = new Int32Array(1024);
  }

  add(message: string): TemplateMatch {
    // The byte skeleton is cheaper to hash than the string one (bytes index faster than characters).
    if (message.length * 3 > SCRATCH_BYTES) return this.count(this.signatureOf(message));
    const { written } = encoder.encodeInto(message, this.scratch);
    return this.addEncoded(this.scratch, 0, written, message);
  }

  addBytes(bytes: Uint8Array, start = 0, end = bytes.length): TemplateMatch {
    return this.addEncoded(bytes, start, end, null);
  }

  /** Adds the line whose UTF-8 bytes are [start, end) of `bytes`; `text` is their text if known. */
  private addEncoded(bytes: Uint8Array, start: number, end: number, text: string | null): TemplateMatch {
    const k1 = skeletonHashBytes(bytes, start, end);
    const k2 = skeletonBytesLane2();
    let sig = this.byteCache.get(k1, k2);
    if (sig < 0) {
      sig = this.signatureOf(text ?? this.decoder.decode(bytes.subarray(start, end)));
      if (sig >= 0 && this.lastExact) this.byteCache.set(k1, k2, sig);
    }
    return this.count(sig);
  }

  addCached(k1: number, k2: number, bytes = false): TemplateMatch | undefined {
    const sig = (bytes ? this.byteCache : this.skeletonCache).get(k1, k2);
    return sig < 0 ? undefined : this.count(sig);
  }

  /** Records one line of signature `sig` (-1: overflow). */
  private count(sig: number): TemplateMatch {
    const line = this.lineCount++;
    this.lastSignature = sig;
    if (this.trackLines) {
      if (line >= this.lineSig.length) this.lineSig = grown(this.lineSig, line + 1);
      this.lineSig[line] = sig;
    }
    if (sig < 0) {
      this.overflowCount++;
      return OVERFLOW_MATCH;
    }
    this.sigCount[sig] = (this.sigCount[sig] as number) + 1;
    this.final = undefined;
    return (this.clusters[this.sigCluster[sig] as number] as Cluster).match;
  }

  /** Signature id of the message, creating it if needed; -1 for overflow. */
  private signatureOf(message: string): number {
    const k1 = skeletonHash(message);
    const k2 = skeletonLane2();
    const cached = this.skeletonCache.get(k1, k2);
    this.lastExact = cached >= 0;
    if (cached >= 0) return cached;
    const sc = this.scanner;
    sc.fingerprint(message);
    let sig = this.index.get(sc.h1, sc.h2, sc.count);
    if (sig < 0) {
      const tokens = sc.tokens(message);
      sig = this.sigTokens.length < this.maxSignatures ? this.newSignature(tokens, message) : this.fitSignature(tokens);
      // past the cap, remember only a bounded number of fingerprints that map to existing templates
      if (this.index.size < 4 * this.maxSignatures) this.index.set(sc.h1, sc.h2, sc.count, sig < 0 ? OVERFLOW_SIG : sig);
    } else if (sig === OVERFLOW_SIG) sig = -1;
    this.lastExact = sc.exact;
    if (sig >= 0 && sc.exact) this.skeletonCache.set(k1, k2, sig);
    return sig;
  }

  private newSignature(tokens: string[], message: string): number {
    const id = this.sigTokens.length;
    if (id >= this.sigCount.length) {
      this.sigCount = grown(this.sigCount, id + 1);
      this.sigFirst = grown(this.sigFirst, id + 1);
      this.sigCluster = grown(this.sigCluster, id + 1);
    }
    this.sigTokens.push(tokens);
    this.sigExample.push(message.length > MAX_EXAMPLE ? message.slice(0, MAX_EXAMPLE) : message);
    this.sigCount[id] = 0;
    this.sigFirst[id] = this.lineCount;
    this.dirty = true;
    if (id + 1 >= this.nextRefine) {
      this.refine();
      this.nextRefine = (id + 1) * 2;
    } else {
      const fit = this.fit(tokens);
      this.sigCluster[id] = fit >= 0 ? fit : this.addCluster(tokens, id);
    }
    return id;
  }

  /** Past the cap: the first signature of a cluster the tokens fit, or -1. */
  private fitSignature(tokens: string[]): number {
    if (this.dirty) this.refine();
    const c = this.fit(tokens);
    return c < 0 ? -1 : (this.clusterRep[c] as number);
  }

  /** A cluster of the same length whose template matches the tokens, or -1. */
  private fit(tokens: readonly string[]): number {
    for (const key of [shapeKey(tokens.length, tokens[0] ?? ''), shapeKey(tokens.length, WILDCARD)]) {
      for (const c of this.byShape.get(key) ?? []) {
        if (tokensFit((this.clusters[c] as Cluster).tokens, tokens)) return c;
      }
    }
    return -1;
  }

  private indexCluster(c: number, tokens: readonly string[]): void {
    const key = shapeKey(tokens.length, tokens[0] ?? '');
    const list = this.byShape.get(key);
    if (list) list.push(c);
    else this.byShape.set(key, [c]);
  }

  private addCluster(tokens: string[], sig: number): number {
    const template = renderTemplate(tokens);
    const c = this.clusters.length;
    this.clusterRep.push(sig);
    this.clusters.push(makeCluster(uniqueTemplateIds([template])[0] as string, template, tokens));
    this.indexCluster(c, tokens);
    return c;
  }

  /** Re-clusters all signatures. */
  private refine(): void {
    const n = this.sigTokens.length;
    const sigs: Signature[] = [];
    for (let i = 0; i < n; i++) sigs.push({ tokens: this.sigTokens[i] as string[], count: Math.max(1, this.sigCount[i] as number) });
    const clustered = clusterSignatures(sigs, { maxConstants: MAX_CONSTANTS });
    // lists of different lengths are clustered apart (by length): one event again
    const { templates, of } = mergeRuns(clustered.templates);
    const clusterOf = clustered.clusterOf.map((c) => of[c] as number);
    const counts = new Float64Array(templates.length);
    for (let i = 0; i < n; i++) {
      const c = clusterOf[i] as number;
      counts[c] = (counts[c] as number) + (sigs[i] as Signature).count;
    }
    const into = foldQuantities(templates, counts, foldTemplates(templates, counts));
    // one cluster per distinct template text: folded templates and equal renderings merge
    const texts = templates.map((t) => renderTemplate(t));
    const byText = new Map<string, number>();
    const remap = new Int32Array(templates.length);
    const kept: number[] = [];
    for (let t = 0; t < templates.length; t++) {
      const text = texts[into[t] as number] as string;
      let c = byText.get(text);
      if (c === undefined) {
        c = kept.length;
        byText.set(text, c);
        kept.push(into[t] as number);
      }
      remap[t] = c;
    }
    const ids = uniqueTemplateIds(kept.map((t) => texts[t] as string));
    this.clusters = kept.map((t, c) => makeCluster(ids[c] as string, texts[t] as string, templates[t] as string[]));
    this.byShape = new Map();
    this.clusters.forEach((cl, c) => this.indexCluster(c, cl.tokens));
    this.clusterRep = new Array<number>(this.clusters.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const c = remap[clusterOf[i] as number] as number;
      this.sigCluster[i] = c;
      if ((this.clusterRep[c] as number) < 0) this.clusterRep[c] = i;
    }
    this.dirty = false;
    this.final = undefined;
  }

  private finish(): { templates: MinedTemplate[]; ofCluster: Int32Array } {
    if (this.dirty) this.refine();
    if (this.final) return this.final;
    const count = new Float64Array(this.clusters.length);
    const first = new Float64Array(this.clusters.length).fill(Infinity);
    const example = new Array<string>(this.clusters.length).fill('');
    for (let i = 0; i < this.sigTokens.length; i++) {
      const c = this.sigCluster[i] as number;
      count[c] = (count[c] as number) + (this.sigCount[i] as number);
      if ((this.sigFirst[i] as number) < (first[c] as number)) {
        first[c] = this.sigFirst[i] as number;
        example[c] = this.sigExample[i] as string;
      }
    }
    const order = this.clusters.map((_, c) => c).filter((c) => (count[c] as number) > 0);
    order.sort((a, b) => (count[b] as number) - (count[a] as number) || (first[a] as number) - (first[b] as number));
    const ofCluster = new Int32Array(this.clusters.length).fill(-1);
    const templates: MinedTemplate[] = order.map((c, k) => {
      ofCluster[c] = k;
      const cl = this.clusters[c] as Cluster;
      return { ...cl.match, tokens: cl.tokens, count: count[c] as number, firstLine: first[c] as number, example: example[c] as string };
    });
    if (this.overflowCount > 0) {
      templates.push({ ...OVERFLOW_MATCH, tokens: [OVERFLOW_TEMPLATE], count: this.overflowCount, firstLine: this.firstOverflowLine(), example: '' });
    }
    this.final = { templates, ofCluster };
    return this.final;
  }

  private firstOverflowLine(): number {
    for (let i = 0; i < this.lineCount && this.trackLines; i++) if (this.lineSig[i] === -1) return i;
    return -1;
  }

  templates(): MinedTemplate[] {
    return this.finish().templates.slice();
  }

  lineTemplates(): Int32Array {
    if (!this.trackLines) throw new Error('lineTemplates() needs trackLines: true');
    const { templates, ofCluster } = this.finish();
    const overflow = templates.length - 1;
    const out = new Int32Array(this.lineCount);
    for (let i = 0; i < this.lineCount; i++) {
      const sig = this.lineSig[i] as number;
      out[i] = sig < 0 ? overflow : (ofCluster[this.sigCluster[sig] as number] as number);
    }
    return out;
  }

  signatureTemplates(): Int32Array {
    const { ofCluster } = this.finish();
    const out = new Int32Array(this.sigTokens.length);
    for (let i = 0; i < out.length; i++) out[i] = ofCluster[this.sigCluster[i] as number] as number;
    return out;
  }

  assignments(): string[] {
    const { templates } = this.finish();
    return Array.from(this.lineTemplates(), (t) => (templates[t] as MinedTemplate).templateId);
  }
}

const OVERFLOW_SIG = 0x7fffffff;
/** Messages up to a third of this many characters are hashed as UTF-8 bytes. */
const SCRATCH_BYTES = 1 << 16;
const encoder = new TextEncoder();
const OVERFLOW_MATCH: TemplateMatch = Object.freeze({ templateId: 'overflow', template: OVERFLOW_TEMPLATE });


