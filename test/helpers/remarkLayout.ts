// The oracle for the Markdown scanner (server/src/core/markdownBlocks.ts): the layout extraction
// used to read from remark's tree, kept here so that the differential test and the bench can
// compare the scanner with it.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent } from 'mdast';
import type { Layout } from '../../server/src/core/markdownBlocks.js';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
const RAW_HTML = /^<(?:!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|style|pre|textarea)(?=[\s>/]|$))/i;

export function remarkTree(text: string): Root {
  return parser.parse(text) as Root;
}

/** The layout as extraction read it from remark's tree before the scanner. */
export function remarkLayout(text: string, tree: Root = remarkTree(text)): Layout {
  const layout: Layout = { headings: [], skip: [], nested: [], comments: [] };
  const first = tree.children[0];
  if (first?.type === 'yaml' && first.position?.start.offset === 0) layout.frontMatter = { start: 0, end: first.position.end.offset ?? 0 };
  for (const node of tree.children) {
    if (node.type === 'heading') layout.headings.push({ depth: node.depth, start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0, text: plainText(node) });
  }
  const stack: { node: Root | RootContent; item?: RootContent }[] = [{ node: tree }];
  while (stack.length > 0) {
    const { node, item } = stack.pop() as { node: Root | RootContent; item?: RootContent };
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'blockquote') {
      layout.skip.push([start, end]);
      continue;
    }
    if (node.type === 'html') {
      // Block quotes are never descended into, so a comment reached here is the standard's own.
      if (node.value.includes('<!--')) layout.comments.push({ start, value: node.value });
      if (RAW_HTML.test(node.value)) layout.skip.push([start, end]);
      continue;
    }
    if (node.type === 'heading' && item) {
      const region: [number, number] = [start, item.position?.end.offset ?? end];
      const last = layout.nested[layout.nested.length - 1];
      if (!last || region[0] >= last[1]) layout.nested.push(region);
    }
    if (!('children' in node)) continue;
    const children = node.children as RootContent[];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], item: node.type === 'listItem' ? node : item });
  }
  return layout;
}

function plainText(heading: RootContent): string {
  let text = '';
  const stack: RootContent[] = 'children' in heading ? [...(heading.children as RootContent[])].reverse() : [];
  while (stack.length > 0) {
    const node = stack.pop() as RootContent;
    if ('value' in node && typeof node.value === 'string') text += node.value;
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as RootContent);
  }
  return text;
}
