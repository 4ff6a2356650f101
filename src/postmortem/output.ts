/** One entry for the three output formats of the post-mortem document. */
import { renderPostmortemHtml, renderPostmortemMarkdown, renderPostmortemPdf } from './render/index.js';
import type { PostmortemInput } from './types.js';

export const FORMATS = ['md', 'html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/**
 * @example const pdf = await renderDocument(input, 'pdf');
 */
export async function renderDocument(input: PostmortemInput, format: Format): Promise<Buffer> {
  switch (format) {
    case 'md':
      return Buffer.from(renderPostmortemMarkdown(input), 'utf8');
    case 'html':
      return Buffer.from(renderPostmortemHtml(input), 'utf8');
    case 'pdf':
      return renderPostmortemPdf(renderPostmortemHtml(input));
  }
}
