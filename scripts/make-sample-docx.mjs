#!/usr/bin/env node
// Writes samples/docx/port-security.docx from samples/standards/port/port-security.md, the way a
// ministry's Word file of that standard would look: a Title, chapters in 「見出し 1」 numbered
// 第N章 and articles in a 「条文見出し」 style numbered 第N条 by Word's automatic numbering (the
// labels are not in the text), a typed 第10条の2 (automatic numbering cannot produce it), lists,
// tables, hyperlinks, one reviewer's tracked change and a comment. `kijun import docx` of the
// result must check exactly as the Markdown does (test/cli/docx.test.ts).
//   node scripts/make-sample-docx.mjs [--check]   (--check: fail if the committed file differs)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import * as w from './lib/docxWriter.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'samples/standards/port/port-security.md');
const target = path.join(root, 'samples/docx/port-security.docx');

export function sampleDocx(markdown) {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const links = [];
  const out = [];
  let chapter = 0;
  let article = 0;
  const blocks = body.split(/\n{2,}/).map((b) => b.trim()).filter(Boolean);
  for (const block of blocks) {
    let m;
    if ((m = /^# (.+)$/.exec(block))) out.push(w.paragraph(m[1], { style: 'a3' }));
    else if ((m = /^## 第(\d+)章 (.+)$/.exec(block)) && Number(m[1]) === chapter + 1) {
      chapter++;
      out.push(w.paragraph(m[2], { style: '1' }));
    } else if ((m = /^## (.+)$/.exec(block))) out.push(w.paragraph(m[1], { style: '1', numId: 0 }));
    else if ((m = /^### 第(\d+)条 (.+)$/.exec(block)) && Number(m[1]) === article + 1) {
      article++;
      out.push(w.paragraph(m[2], { style: 'a5' }));
    } else if ((m = /^### (\S+) (.+)$/.exec(block))) out.push(w.paragraph(`${m[1]}\u3000${m[2]}`, { style: 'a5', numId: 0 }));
    else if (block.startsWith('|')) out.push(w.table(block.split('\n').filter((l) => !/^\|[\s|-]+\|$/.test(l)).map(cells)));
    else if (block.startsWith('- ')) for (const item of block.split('\n')) out.push(w.paragraph(inline(item.slice(2), links), { raw: true, numId: 3 }));
    else out.push(w.paragraph(review(block, links), { raw: true }));
  }
  return w.buildDocx({
    body: out.join(''),
    styles: [
      w.style({ id: 'a3', name: '表題', basedOn: 'a', next: 'a' }),
      w.style({ id: '1', name: '見出し 1', basedOn: 'a', next: 'a', outlineLvl: 0, numId: 1 }),
      w.style({ id: 'a5', name: '条文見出し', basedOn: 'a', next: 'a', numId: 2 }),
    ],
    numbering: [
      w.abstractNum(10, [{ ilvl: 0, numFmt: 'decimal', lvlText: '第%1章', pStyle: '1', suff: 'space' }]),
      w.abstractNum(20, [{ ilvl: 0, numFmt: 'decimal', lvlText: '第%1条', pStyle: 'a5', suff: 'space' }]),
      w.abstractNum(30, [{ ilvl: 0, numFmt: 'bullet', lvlText: '・' }]),
      w.num(1, 10), w.num(2, 20), w.num(3, 30),
    ],
    hyperlinks: links,
    comments: [{ id: 0, text: '保守用端末の検査手順は別紙で定めること。' }],
  });
}

function cells(line) {
  return line.replace(/^\|\s*|\s*\|$/g, '').split(/\s*\|\s*/);
}

/** Markdown links become Word hyperlinks. */
function inline(text, links) {
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(/\[([^\]]+)\]\(([^)]+)\)/g)) {
    if (m.index > last) parts.push(w.run(text.slice(last, m.index)));
    const id = `rIdLink${links.length + 1}`;
    links.push({ id, url: m[2] });
    parts.push(w.hyperlink(id, m[1]));
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(w.run(text.slice(last)));
  return parts.join('');
}

/** A reviewer's traces, as a real draft has them; accepted, they leave the Markdown's text. */
function review(text, links) {
  const changed = '年1回以上見直し';
  if (text.includes(changed)) {
    const [before, after] = text.split(changed);
    return inline(before, links) + w.deleted('2年に1回') + w.inserted(w.run('年1回以上')) + w.run(`見直し${after}`);
  }
  const noted = '使用前に検査しなければならない';
  if (text.includes(noted)) {
    const [before, after] = text.split(noted);
    return inline(before, links) + w.commented(w.run(noted)) + w.run(after);
  }
  return inline(text, links);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bytes = sampleDocx(readFileSync(source, 'utf8'));
  if (process.argv.includes('--check')) {
    const committed = readFileSync(target);
    if (!Buffer.from(bytes).equals(committed)) {
      console.error(`${path.relative(root, target)} is out of date: run node scripts/make-sample-docx.mjs`);
      process.exit(1);
    }
  } else {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    console.log(`wrote ${path.relative(root, target)} (${bytes.length} bytes)`);
  }
}
