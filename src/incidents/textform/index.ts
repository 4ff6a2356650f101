/** Public entry of the incident text form (the seed's system-failure log) and the Markdown export. */
export { renderText } from './render.js';
export { parseText, type ParseOptions } from './parse.js';
export { renderMarkdown } from './markdown.js';
export { detectFormat, type ImportFormat } from './detect.js';
