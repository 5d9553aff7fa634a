// `kijun import docx FILE`: a Word standard as a Markdown standard. The conversion is in
// core/docx; this file reads the file, writes the result and says what was not carried over.
import { parseOptions, usageError } from './usage.js';
import { configLocale } from './io.js';
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { CliIo } from './io.js';
import type { Locale } from '../core/model.js';
import { docxToMarkdown } from '../core/docx/convert.js';
import { MAX_UNCOMPRESSED } from '../core/docx/package.js';
import { noteText, problemText } from '../core/docx/messages.js';
import { extractFile } from '../core/extract.js';
import { formatMessage, message } from '../core/messages.js';
import { RULES } from '../core/rules.js';
import { localeFromEnv } from '../node/nodeFs.js';
import { printable, printableField } from '../core/printable.js';

/** Runs `kijun import docx …` (argv after `import docx`); returns the exit status. */
export async function runDocxCommand(argv: string[], io: CliIo): Promise<number> {
  return importDocx(argv, io);
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
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') throw usageError('usageUnknownLanguage', { lang: values.lang });
  const locale: Locale = (values.lang as Locale | undefined) ?? (await configLocale(undefined, io.cwd)) ?? localeFromEnv(io.env) ?? 'en';
  if (positionals.length !== 1) throw usageError('usageOneFile', { command: 'import docx', what: '@usageWordFile' });
  const out = values.output;
  if (values.sector !== undefined && !/^[a-z0-9-]+$/.test(values.sector)) throw usageError('usageIdForm', { option: '--sector', value: values.sector });
  if (values.baseline !== undefined && !/^[a-z0-9-]+(@[^\s@]+)?$/.test(values.baseline)) throw usageError('usageBaselineForm', { value: values.baseline });
  const level = values.level === undefined ? undefined : Number(values.level);
  if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 9)) throw usageError('usageWholeNumber', { option: '--level', min: 1, max: 9, value: String(values.level) });

  const file = positionals[0];
  const absolute = path.resolve(io.cwd, file);
  const stat = await fsp.stat(absolute).catch(() => undefined);
  if (!stat || !stat.isFile()) throw usageError('usageNoSuchFile', { path: file });
  if (out && path.resolve(io.cwd, out) === absolute) throw usageError('usageOutputIsInput');
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
  const shown = out ?? message(locale, 'outputStandard');
  for (const f of own) io.stderr(`${printableField(shown)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${RULES[f.code]} ${f.code}: ${printable(formatMessage(f.message, f.args, locale))}\n`);
  if (out) {
    const target = path.resolve(io.cwd, out);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(target, result.markdown);
    io.stderr(`${printable(message(locale, 'wroteImportedStandard', { file: out, count: result.measures.length }))}\n`);
  } else io.stdout(result.markdown);
  return 0;
}
