// The command line's one option vocabulary and one usage printer, in both languages. Every
// command parses through parseOptions: Node's parseArgs text never reaches a user, an unknown
// option gets a "did you mean", and `--out` is an alias of `--output` everywhere.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Locale } from '../core/model.js';
import { message, type MessageArgs, type MessageId } from '../core/messages.js';
import { nearest } from '../core/ids.js';
import { displayWidth } from '../core/displayWidth.js';

type ArgsOf<K extends MessageId> = Record<string, never> extends MessageArgs<K> ? [args?: MessageArgs<K>] : [args: MessageArgs<K>];

/** A mistake in the command line: exit 2 with the message and the usage, in the user's language. */
export class UsageError extends Error {
  constructor(readonly render: (locale: Locale) => string, readonly withUsage = true) {
    super(render('en'));
  }
}

export function usageError<K extends MessageId>(id: K, ...args: ArgsOf<K>): UsageError {
  return new UsageError((locale) => message(locale, id, ...args));
}

/** An input the command cannot use (exit 2, in the user's language), not a mistake in the command line. */
export function inputError<K extends MessageId>(id: K, ...args: ArgsOf<K>): UsageError {
  return new UsageError((locale) => message(locale, id, ...args), false);
}

/** The synopsis of every command; the same in both languages (option names are not translated). */
export const SYNOPSIS = [
  'kijun check [PATH...] [--config FILE] [--format text|json|sarif|junit|markdown|html|csv|xlsx] [--output FILE] [--lang ja|en] [--max-warnings N] [--as-of YYYY-MM-DD] [--no-cache] [--fix]',
  'kijun diff OLD_CATALOG NEW_CATALOG [--standards PATH]... [--format text|json|markdown] [--output FILE] [--config FILE] [--lang ja|en]',
  'kijun import oscal FILE [--output FILE] [--id ID] [--config FILE] [--lang ja|en]',
  'kijun import docx FILE [--output FILE] [--sector S] [--baseline ID@VERSION] [--level N] [--lang ja|en]',
  'kijun export oscal-mapping|oscal-component [--sector S] [--output FILE] [--config FILE] [--lang ja|en]',
  'kijun export csf-profile [--sector S] [--format json|markdown|csv] [--output FILE] [--config FILE] [--lang ja|en]',
  'kijun suggest [PATH...] [--format text|json] [--top N] [--config FILE] [--lang ja|en]',
  'kijun --help | --version',
];

export function usageText(locale: Locale): string {
  const [first, ...rest] = SYNOPSIS;
  const head = message(locale, 'usageHeader');
  const pad = ' '.repeat(displayWidth(head) + 1);
  return [`${head} ${first}`, ...rest.map((line) => `${pad}${line}`), message(locale, 'usageAliases')].join('\n');
}

/** The language of a usage message: `--lang`, then the environment (kijun.yaml is not read yet). */
export function usageLocale(argv: readonly string[], envLocale: Locale | undefined): Locale {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = at < 0 ? undefined : argv[at].includes('=') ? argv[at].slice('--lang='.length) : argv[at + 1];
  return value === 'ja' || value === 'en' ? value : envLocale ?? 'en';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs with Kijun's wording for its errors. A command that has `output` also takes `--out`
 * (and `-o`) for it; giving both is an error rather than one silently winning.
 */
export function parseOptions<O extends Options>(argv: string[], options: O, allowPositionals = true) {
  const all: Options = { ...options };
  if ('output' in options) Object.assign(all, { output: { type: 'string', short: 'o' }, out: { type: 'string' } });
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: all, allowPositionals, strict: true }) as typeof parsed;
  } catch (err) {
    throw translate(err, Object.keys(all));
  }
  if ('output' in options && parsed.values.out !== undefined) {
    if (parsed.values.output !== undefined) throw usageError('usageOptionTwice', { option: '--output (--out)' });
    parsed.values.output = parsed.values.out;
    delete parsed.values.out;
  }
  return parsed as unknown as ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;
}

function translate(err: unknown, names: string[]): UsageError {
  const code = (err as { code?: string }).code;
  const text = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']*)'/.exec(text)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = quoted.split('=')[0];
    const suggestion = nearest(option.replace(/^-+/, ''), names);
    return usageError('usageUnknownOption', { option, suggestion: suggestion ? `--${suggestion}` : '' });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /--?[\w-]+/.exec(quoted)?.[0] ?? quoted;
    return /argument missing/.test(text) ? usageError('usageMissingValue', { option }) : usageError('usageNoValue', { option });
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return usageError('usageUnexpectedArgument', { argument: quoted });
  return usageError('usageOther', { detail: text.split('\n')[0] });
}

/** The synopsis as the READMEs show it: wrapped before WRAP columns, continuation lines indented. */
export function readmeSynopsis(wrap = 100): string {
  const out: string[] = [];
  for (const line of SYNOPSIS.slice(0, -1)) {
    const indent = ' '.repeat(line.indexOf(' [') >= 0 ? line.indexOf(' [') + 1 : 6);
    let current = '';
    for (const word of line.split(/ (?=\[)/)) {
      if (current && current.length + 1 + word.length > wrap) {
        out.push(current);
        current = indent + word;
      } else current = current ? `${current} ${word}` : word;
    }
    out.push(current);
  }
  return out.join('\n');
}
