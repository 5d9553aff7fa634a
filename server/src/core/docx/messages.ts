// What the Word importer tells the user, in both languages (typed, like core/messages.ts, so a
// missing translation is a compile error). Shared by the command line and the language server.
import type { Locale } from '../model.js';
import type { PackageProblem } from './package.js';
import type { DocxNote, DocxNoteKind } from './convert.js';
import { registerTexts } from '../texts.js';

type Text = Record<Locale, (n: number) => string>;

/** "1 image was", "3 images were". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? `${one} was` : `${many} were`}`;
}

const NOTES: Record<DocxNoteKind, Text> = registerTexts('docxNotes', {
  measureHeadings: { ja: (n) => `条項番号で始まる段落 ${n} 件を対策の見出しにしました。`, en: (n) => `${n} ${n === 1 ? 'paragraph that starts' : 'paragraphs that start'} with an article or clause label became ${n === 1 ? 'a measure heading' : 'measure headings'}.` },
  exemptions: { ja: (n) => `適用除外の表から ${n} 件をフロントマターの exemptions に入れました。`, en: (n) => `${count(n, 'exemption')} read from an exemption table into the front matter.` },
  insertions: { ja: (n) => `変更履歴の挿入 ${n} 件を承諾しました。`, en: (n) => `${count(n, 'tracked insertion')} accepted.` },
  deletions: { ja: (n) => `変更履歴の削除 ${n} 件を承諾しました(削除された文字は出力しません)。`, en: (n) => `${count(n, 'tracked deletion')} accepted (the deleted text is left out).` },
  images: { ja: (n) => `画像 ${n} 件は取り込めません。`, en: (n) => `${count(n, 'image')} not carried over.` },
  textBoxes: { ja: (n) => `テキストボックス ${n} 件は取り込めません。`, en: (n) => `${count(n, 'text box', 'text boxes')} not carried over.` },
  comments: { ja: (n) => `コメント ${n} 件は取り込めません。`, en: (n) => `${count(n, 'comment')} not carried over.` },
  footnotes: { ja: (n) => `脚注 ${n} 件は取り込めません(本文中の参照番号も出力しません)。`, en: (n) => `${count(n, 'footnote')} not carried over (nor their reference marks).` },
  endnotes: { ja: (n) => `文末脚注 ${n} 件は取り込めません。`, en: (n) => `${count(n, 'endnote')} not carried over.` },
  fields: { ja: (n) => `フィールド ${n} 件は、表示されている結果の文字だけを取り込みました。`, en: (n) => `${count(n, 'field')} carried over as their displayed result only.` },
  equations: { ja: (n) => `数式 ${n} 件は取り込めません。`, en: (n) => `${count(n, 'equation')} not carried over.` },
  embeddedObjects: { ja: (n) => `埋め込みオブジェクト ${n} 件は取り込めません。`, en: (n) => `${count(n, 'embedded object')} not carried over.` },
  symbols: { ja: (n) => `記号フォントの文字 ${n} 件は取り込めません。`, en: (n) => `${count(n, 'symbol-font character')} not carried over.` },
  hiddenText: { ja: (n) => `隠し文字 ${n} 件は Word の表示どおり出力しません。`, en: (n) => `${count(n, 'run of hidden text', 'runs of hidden text')} left out, as Word does not show them.` },
  nestedTables: { ja: (n) => `入れ子の表 ${n} 件は、外側の表のセルの中に平らにして取り込みました。`, en: (n) => `${count(n, 'nested table')} flattened into their outer table's cell.` },
  controlCharacters: { ja: (n) => `制御文字 ${n} 文字を取り除きました。`, en: (n) => `${count(n, 'control character')} removed.` },
  tooDeep: { ja: (n) => `入れ子が深すぎる要素 ${n} 件(1024 段を超えるもの)は取り込めません。`, en: (n) => `${count(n, 'element')} nested more than 1024 levels deep and not carried over.` },
  xmlErrors: { ja: (n) => `文書の XML に誤りが ${n} 件あり、読めた部分だけを取り込みました。`, en: (n) => `The document's XML has ${n} errors; what could be read was carried over.` },
});

export function noteText(note: DocxNote, locale: Locale): string {
  return NOTES[note.kind][locale](note.count);
}

type Problem<R extends PackageProblem['reason']> = Extract<PackageProblem, { reason: R }>;

const NOT_WORD_KIND = registerTexts('docxFileKinds', {
  excel: { ja: 'Excel ブック', en: 'an Excel workbook' },
  powerpoint: { ja: 'PowerPoint プレゼンテーション', en: 'a PowerPoint presentation' },
});

const PROBLEMS: { [R in PackageProblem['reason']]: Record<Locale, (p: Problem<R>) => string> } = registerTexts('docxProblems', {
  legacyDoc: {
    ja: () => '旧形式の Word 文書(.doc、Word 97–2003)です。Word で開き「Word 文書 (*.docx)」として保存してから取り込んでください。',
    en: () => 'this is a legacy Word 97–2003 document (.doc); open it in Word and save it as "Word Document (*.docx)", then import that.',
  },
  encrypted: {
    ja: () => 'パスワードで保護(暗号化)された文書です。Word でパスワードを解除して保存してから取り込んでください。',
    en: () => 'the document is password-protected (encrypted); remove the password in Word, save it, then import it.',
  },
  otherOle: {
    ja: () => 'Word 文書(.docx)ではありません(旧形式の Office ファイルです)。',
    en: () => 'not a Word document (.docx): it is a legacy Office file of another kind.',
  },
  notZip: {
    ja: () => 'Word 文書(.docx)ではありません(.docx は zip 形式ですが、このファイルは zip ではありません)。',
    en: () => 'not a Word document (.docx): a .docx is a zip file, and this file is not one.',
  },
  corruptZip: {
    ja: (p) => `zip ファイルとして読めません(${p.detail})。ファイルが壊れているか、途中までしかありません。`,
    en: (p) => `cannot be read as a zip file (${p.detail}); it is damaged or cut short.`,
  },
  notWord: {
    ja: (p) => `zip ファイルですが Word 文書(.docx)ではありません${p.detail ? `(${NOT_WORD_KIND[p.detail]?.ja ?? p.detail}です)` : '(word/document.xml がありません)'}。`,
    en: (p) => `a zip file, but not a Word document (.docx)${p.detail ? `: it is ${NOT_WORD_KIND[p.detail]?.en ?? p.detail}` : ': it has no Word main document part'}.`,
  },
  tooLarge: {
    ja: (p) => `展開後の大きさが上限(${p.limitMb} MB)を超えるため取り込みません。`,
    en: (p) => `its contents would unpack to more than ${p.limitMb} MB, the limit; not imported.`,
  },
});

/** The one-line reason a file cannot be imported. */
export function problemText(problem: PackageProblem, locale: Locale): string {
  return (PROBLEMS[problem.reason][locale] as (p: PackageProblem) => string)(problem);
}
