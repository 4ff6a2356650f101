/**
 * Markdown → HTML for the documents this folder writes: markdown-it with raw HTML off, links only to
 * http(s)/mailto, no images, plus three rules for our own syntax — `<br>` in cells, task-list boxes and
 * the fishbone slot. User text reaches markdown-it already escaped, so it can never form these.
 */
import MarkdownIt from 'markdown-it';
import type { Options, Renderer, StateCore, StateInline, Token } from 'markdown-it';
import { FISHBONE_SLOT } from './context.js';

export interface RenderEnv {
  /** Markup (our own: the figure with the SVG) put where the document's fishbone slot is. */
  fishbone?: string;
}

const SAFE_LINK = /^(?:https?:|mailto:)/i;

/** `<br>` as our writer puts it in table cells and list items (html is off, so markdown-it would show it as text). */
function brTag(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith('<br>', state.pos)) return false;
  if (!silent) state.push('hardbreak', 'br', 0);
  state.pos += 4;
  return true;
}

/** GitHub task-list items (`- [x] …`) become ticked or empty boxes. */
function taskLists(state: StateCore): void {
  const t = state.tokens;
  for (let i = 2; i < t.length; i++) {
    const inline = t[i];
    const item = t[i - 2];
    if (inline?.type !== 'inline' || item?.type !== 'list_item_open') continue;
    const m = /^\[([ x])\] /.exec(inline.content);
    const first = inline.children?.[0];
    if (!m || first?.type !== 'text' || !first.content.startsWith(m[0])) continue;
    const done = m[1] === 'x';
    first.content = `${done ? '☑' : '☐'} ${first.content.slice(m[0].length)}`;
    item.attrJoin('class', done ? 'task done' : 'task');
  }
}

/** Replaces the paragraph holding exactly the slot sentinel with the figure (a raw block: it is our own markup). */
function fishboneSlot(state: StateCore): void {
  const figure = (state.env as RenderEnv | undefined)?.fishbone;
  const t = state.tokens;
  for (let i = 1; i + 1 < t.length; i++) {
    const inline = t[i];
    if (inline?.type !== 'inline' || inline.content !== FISHBONE_SLOT || t[i - 1]?.type !== 'paragraph_open') continue;
    const block = new state.Token('html_block', '', 0);
    block.content = figure ? `${figure}\n` : '';
    t.splice(i - 1, 3, block);
  }
}

function linkOpen(tokens: Token[], idx: number, options: Options, _env: unknown, self: Renderer): string {
  tokens[idx]?.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, idx, options);
}

function build(): MarkdownIt {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
  md.disable(['image', 'autolink', 'html_inline', 'html_block']);
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  md.inline.ruler.before('autolink', 'pfa_br', brTag);
  md.core.ruler.push('pfa_tasks', taskLists);
  md.core.ruler.push('pfa_fishbone', fishboneSlot);
  md.renderer.rules.link_open = linkOpen;
  return md;
}

let instance: MarkdownIt | undefined;

/**
 * Renders Markdown written by this folder's MdDoc to an HTML fragment.
 * @example markdownToHtml('a<br>b') // '<p>a<br>\nb</p>\n'
 */
export function markdownToHtml(src: string, env: RenderEnv = {}): string {
  instance ??= build();
  return instance.render(src, env);
}
