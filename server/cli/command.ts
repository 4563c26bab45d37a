/**
 * The one argument parser of `dien-hinh`: every command declares its options once (type,
 * description, default, environment variable, required) and that declaration both parses its
 * arguments through `node:util` `parseArgs` and writes its Vietnamese `--help`. Bad usage (an
 * unknown option, a missing value, a missing required option) is a Vietnamese message naming the
 * option and pointing to `--help`, exit status 2.
 */
import { parseArgs } from 'node:util';
import { cliText } from './text';

/** One option of a command. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What it does, in Vietnamese (one line of the help). */
  description: string;
  /** The value's placeholder in the help, e.g. `<tệp.xlsx>` (string options). */
  value?: string;
  short?: string;
  /** Repeatable: the values in order (string options). */
  multiple?: boolean;
  /** Used when neither the flag nor `env` is given (string options). */
  default?: string;
  /** What applies when the option is absent and the command decides it (shown in the help only), e.g. `./data`. */
  defaultNote?: string;
  /** The environment variable read when the flag is absent, e.g. DIEN_HINH_DATA. */
  env?: string;
  /** Missing → bad usage (exit 2). */
  required?: boolean;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The parsed values: booleans are true/false; strings are set when required or defaulted. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K]['multiple'] extends true
      ? string[] | undefined
      : O[K] extends { required: true } | { default: string } ? string : string | undefined;
};

export interface Parsed<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
}

/** A command's whole declaration: what `--help` prints and what its arguments may be. */
export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  /** One sentence: what the command does. */
  summary: string;
  /** Usage lines without the leading `dien-hinh ` (the first is listed by `dien-hinh --help`). */
  usage: readonly string[];
  /** Positional arguments, when the command takes any. */
  positionals?: readonly { name: string; description: string }[];
  options: O;
  /** Whole command lines, each starting with `dien-hinh `. */
  examples: readonly string[];
  /** Further paragraphs of the help (exit statuses, cautions). */
  notes?: readonly string[];
  /** Runs with the parsed arguments; returns the exit status (0 ok, 1 failure, 2 bad usage). */
  run(parsed: Parsed<O>, usage: UsageError): Promise<number>;
}

/** Prints a usage problem of the command (with the pointer to its --help) and returns 2. */
export type UsageError = (detail: string) => number;

/** A sub-command of `dien-hinh`, as main.ts runs it. */
export interface Command {
  name: string;
  summary: string;
  usage: readonly string[];
  /** The Vietnamese help text `dien-hinh <name> --help` prints. */
  help(): string;
  /** Runs with the raw arguments after the command name; returns the exit status. */
  run(args: string[]): Promise<number>;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'hiện hướng dẫn này' };

/** The data folder option every command that reads one shares. */
export const DATA_OPTION = {
  type: 'string', value: '<thư mục>', env: 'DIEN_HINH_DATA', description: 'thư mục dữ liệu', defaultNote: './data',
} as const satisfies OptionSpec;

/**
 * The PostgreSQL database option every command that opens the store shares: set, the data lives
 * there instead of SQLite in the data folder (which still holds the criteria sets and templates).
 */
export const DATABASE_URL_OPTION = {
  type: 'string', value: '<postgres://…>', env: 'DIEN_HINH_DATABASE_URL',
  description: 'cơ sở dữ liệu PostgreSQL thay cho SQLite trong thư mục dữ liệu (postgres://người-dùng:mật-khẩu@máy:cổng/tên)',
  defaultNote: 'SQLite trong thư mục dữ liệu',
} as const satisfies OptionSpec;

/**
 * The data folder of the workbook commands (sets, template, check), which work without one: a
 * `--data` folder that does not exist is a typo (exit 2), the variable's is not checked.
 */
export const OPTIONAL_DATA_OPTION = {
  type: 'string', value: '<thư mục>', description: 'thư mục dữ liệu', defaultNote: 'biến môi trường DIEN_HINH_DATA, nếu không có thì ./data',
} as const satisfies OptionSpec;

/**
 * Parses `args` against `options`: the values, or the Vietnamese reason the arguments are wrong
 * (the option named as typed). Environment fallbacks are read from `env`, then defaults applied.
 */
export function parseOptions<O extends OptionSpecs>(
  options: O, args: readonly string[], env: NodeJS.ProcessEnv = process.env, allowPositionals = false,
): { ok: true; value: Parsed<O> & { help: boolean } } | { ok: false; error: string } {
  const config = { ...toParseArgs(options), help: { type: 'boolean' as const, short: 'h' } };
  // Lenient first, so that every problem can be named in Vietnamese from the tokens.
  const { tokens } = parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true });
  // Whoever asks for help gets it, whatever else is on the line.
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help')) {
    return { ok: true, value: { help: true, values: {} as OptionValues<O>, positionals: [] } };
  }
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!allowPositionals) return { ok: false, error: cliText.unexpectedArgument(token.value) };
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) return { ok: false, error: cliText.unknownOption(token.rawName) };
    if (spec.type === 'boolean' && token.value !== undefined) return { ok: false, error: cliText.booleanValue(token.rawName) };
    if (spec.type === 'string' && (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-')))) {
      return { ok: false, error: cliText.optionValue(token.rawName, spec.value ?? '<giá trị>') };
    }
  }
  const parsed = parseArgs({ args: [...args], options: config, strict: true, allowPositionals: true });
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(options)) {
    let value: unknown = (parsed.values as Record<string, unknown>)[name];
    if (value === undefined && spec.env !== undefined && env[spec.env] !== undefined && env[spec.env] !== '') {
      const raw = env[spec.env]!;
      value = spec.type === 'boolean' ? raw === '1' || raw === 'true' : spec.multiple ? [raw] : raw;
    }
    if (value === undefined) value = spec.type === 'boolean' ? false : spec.default;
    if (value === undefined && spec.required) return { ok: false, error: cliText.optionMissing(`--${name}`, spec) };
    values[name] = value;
  }
  return { ok: true, value: { help: false, values: values as OptionValues<O>, positionals: parsed.positionals } };
}

function toParseArgs(options: OptionSpecs): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  return Object.fromEntries(Object.entries(options).map(([name, spec]) => [
    name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
  ]));
}

/** The Vietnamese help of a command, from its declaration. */
export function helpText(spec: CommandSpec<OptionSpecs>): string {
  const flag = (name: string, o: OptionSpec) => `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? '<giá trị>'}` : ''}`;
  const rows: [string, string][] = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => [flag(name, o), cliText.optionDescription(o)]);
  const positionals: [string, string][] = (spec.positionals ?? []).map((p) => [p.name, p.description]);
  const width = Math.min(34, Math.max(...[...rows, ...positionals].map(([left]) => left.length)) + 2);
  const table = (list: [string, string][]) => list.map(([left, right]) =>
    (left.length + 2 > width ? `  ${left}\n  ${' '.repeat(width)}${right}` : `  ${left.padEnd(width)}${right}`));
  return [
    `dien-hinh ${spec.name}: ${spec.summary}`,
    '',
    cliText.usageHeading,
    ...spec.usage.map((line) => `  dien-hinh ${line}`),
    ...(positionals.length > 0 ? ['', cliText.positionalsHeading, ...table(positionals)] : []),
    '',
    cliText.optionsHeading,
    ...table(rows),
    ...(spec.notes && spec.notes.length > 0 ? ['', ...spec.notes] : []),
    '',
    cliText.examplesHeading,
    ...spec.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

/** A command from its declaration: `--help` prints the help (exit 0), bad usage exits 2. */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  const usage: UsageError = (detail) => {
    process.stderr.write(cliText.badUsage(spec.name, detail));
    return 2;
  };
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    help: () => helpText(spec as unknown as CommandSpec<OptionSpecs>),
    async run(args) {
      const parsed = parseOptions(spec.options, args, process.env, spec.positionals !== undefined);
      if (!parsed.ok) return usage(parsed.error);
      if (parsed.value.help) {
        process.stdout.write(helpText(spec as unknown as CommandSpec<OptionSpecs>));
        return 0;
      }
      return spec.run({ values: parsed.value.values, positionals: parsed.value.positionals }, usage);
    },
  };
}
