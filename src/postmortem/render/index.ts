/** Public entry of the post-mortem renderers: Markdown, the fishbone SVG, printable HTML and PDF. */
export { renderPostmortemMarkdown, renderRecordMarkdown } from './markdown.js';
export { renderFishboneSvg } from './fishbone-svg.js';
export { fishboneGroups, fishboneOf, type FishboneDiagram, type FishboneGroup } from './fishbone-model.js';
export { renderPostmortemHtml, escapeHtml, POSTMORTEM_CSP } from './html.js';
export { renderPostmortemPdf, launchChromium, chromiumPath, DEFAULT_CHROMIUM, type PdfOptions, type ChromiumOptions } from './pdf.js';
export { curatedTimeline, type CuratedTimeline } from './timeline.js';
export { columnTimes } from './md-values.js';
export { whyForest, type WhyForest, type WhyNode } from './whys.js';
export { MdDoc, escapeBlock, escapeCell, escapeHeading, escapeInline, link, safeUrl, codeBlock, NOT_RECORDED } from './md-writer.js';
