// `kijun import docx FILE`: a Word standard as a Markdown standard. The conversion is in
// core/docx; this file reads the file, writes the result and says what was not carried over.
import { parseOptions, UsageError as SharedUsageError } from './usage.js';
import { configLocale } from './io.js';
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { CliIo } from './io.js';
import type { Locale } from '../core/model.js';
import { docxToMarkdown } from '../core/docx/convert.js';
import { MAX_UNCOMPRESSED } from '../core/docx/package.js';
import { noteText, problemText } from '../core/docx/messages.js';
import { extractFile } from '../core/extract.js';
import { formatMessage } from '../core/messages.js';
import { RULES } from '../core/rules.js';
import { localeFromEnv } from '../node/nodeFs.js';
import { printable, printableField } from '../core/printable.js';

export const DOCX_USAGE = '       kijun import docx FILE [--out FILE] [--sector S] [--baseline ID@VERSION] [--level N] [--lang ja|en]';

class UsageError extends Error {}

/** Runs `kijun import docx …` (argv after `import docx`); returns the exit status. */
export async function runDocxCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    return await importDocx(argv, io);
  } catch (err) {
    if (err instanceof UsageError) throw new SharedUsageError(() => err.message);
    throw err;
  }
}

function parse(argv: string[]) {
  return parseOptions(argv, {
    output: { type: 'string' },
    sector: { type: 'string' },
    baseline: { type: 'string' },
    level: { type: 'string' },
    lang: { type: 'string' },
  } as const);
}

async function importDocx(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') throw new UsageError(`unknown language: ${values.lang}`);
  const locale: Locale = (values.lang as Locale | undefined) ?? (await configLocale(undefined, io.cwd)) ?? localeFromEnv(io.env) ?? 'en';
  if (positionals.length !== 1) throw new UsageError('import docx needs one Word file');
  const out = values.output;
  if (values.sector !== undefined && !/^[a-z0-9-]+$/.test(values.sector)) throw new UsageError(`--sector must be of the form [a-z0-9-]+, not ${values.sector}`);
  if (values.baseline !== undefined && !/^[a-z0-9-]+(@[^\s@]+)?$/.test(values.baseline)) throw new UsageError(`--baseline must be ID or ID@VERSION, not ${values.baseline}`);
  const level = values.level === undefined ? undefined : Number(values.level);
  if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 9)) throw new UsageError(`--level needs a whole number from 1 to 9, not ${values.level}`);

  const file = positionals[0];
  const absolute = path.resolve(io.cwd, file);
  const stat = await fsp.stat(absolute).catch(() => undefined);
  if (!stat || !stat.isFile()) throw new UsageError(`no such file: ${file}`);
  if (out && path.resolve(io.cwd, out) === absolute) throw new UsageError('--output must not be the Word file itself');
  if (stat.size > MAX_UNCOMPRESSED) {
    io.stderr(`kijun: ${printable(`${file}: ${problemText({ reason: 'tooLarge', limitMb: MAX_UNCOMPRESSED / 1024 / 1024 }, locale)}`)}\n`);
    return 2;
  }
  const result = docxToMarkdown(new Uint8Array(await fsp.readFile(absolute)), { sector: values.sector, baseline: values.baseline, level });
  if (!result.ok) {
    io.stderr(`kijun: ${printable(`${file}: ${problemText(result.problem, locale)}`)}\n`);
    return 2;
  }
  for (const note of result.notes) io.stderr(`kijun: ${printable(`${file}: ${noteText(note, locale)}`)}\n`);
  // The output must read as a Kijun standard; say so if its front matter does not. Only the front
  // matter comes from the options, so only it is checked (the body of a long standard is not parsed twice).
  const frontMatter = result.markdown.slice(0, result.markdown.indexOf('\n---\n') + 5);
  const own = extractFile('imported.md', frontMatter, 'standard').findings.filter((f) => f.code === 'schema' || f.code === 'syntax');
  const shown = out ?? (locale === 'ja' ? '(出力)' : '(output)');
  for (const f of own) io.stderr(`${printableField(shown)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${RULES[f.code]} ${f.code}: ${printable(formatMessage(f.message, f.args, locale))}\n`);
  if (out) {
    const target = path.resolve(io.cwd, out);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(target, result.markdown);
    io.stderr(`${printable(locale === 'ja' ? `${out} に書き出しました(対策の見出し ${result.measures.length} 件)。` : `wrote ${out} (${result.measures.length} measure ${result.measures.length === 1 ? 'heading' : 'headings'})`)}\n`);
  } else io.stdout(result.markdown);
  return 0;
}
