/**
 * Knowledge links between incidents: crash signatures recorded as `crash:<signature>` tags, and
 * scoring of past incidents by signature, component and failure type, tags and words.
 */
export { CRASH_TAG_PREFIX, crashSignaturesOf, crashTag, plainTags, withCrashTags } from './signatures.js';
export { cosine, idfOf, termCounts, tokenize, weigh, type Idf, type TermCounts, type WeightedText } from './text.js';
export { docOf, rankSimilar, type KnowledgeDoc, type RankSimilarOptions, type SimilarIncident, type SimilarityQuery } from './score.js';
export { linkCrashSignatures, similarIncidents, type LinkResult } from './service.js';
export { printSimilar } from './present.js';
