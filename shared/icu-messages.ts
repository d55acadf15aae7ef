import { IntlMessageFormat } from 'intl-messageformat';

/**
 * Messages written in ICU MessageFormat, formatted by FormatJS's `intl-messageformat`: the one way
 * the web app and the server write a sentence that counts or holds a number, so « 0 événement »,
 * « 1 événement », « 2 événements » and « 12 400 » follow CLDR's rules for the language instead of
 * rules written by hand.
 *
 * - `{name}` puts a value as it is; `{count, number}` writes a number with the language's
 *   separators (`12 400` in French, with a narrow no-break space, as Intl gives it);
 * - `{count, plural, one {# événement} other {# événements}}` chooses the form by CLDR's plural
 *   rules (French puts 0 and 1 in `one`) and writes `#` as a number.
 *
 * A message that does not parse, or a value that is missing, throws: both are bugs, and the
 * catalogue specs compile every message so that they fail the tests rather than reach a reader.
 */

export type MessageValues = Readonly<Record<string, string | number>>;

type MessageElement = ReturnType<IntlMessageFormat['getAst']>[number];

/** `<b>` and the like are text in our messages, not rich-text tags to fill. */
const PARSER_OPTIONS = { ignoreTag: true } as const;

/** Parses `message` for `intlLocale` (a BCP 47 tag such as `fr-FR`); throws on a malformed message. */
export function compileMessage(message: string, intlLocale: string): IntlMessageFormat {
  try {
    return new IntlMessageFormat(message, intlLocale, undefined, PARSER_OPTIONS);
  } catch (error) {
    throw new Error(`Malformed ICU message ${JSON.stringify(message)}: ${String(error)}`);
  }
}

/** The message filled with `values`; a value the message names and `values` lacks throws. */
export function formatCompiled(compiled: IntlMessageFormat, values?: MessageValues): string {
  const formatted: unknown = compiled.format(values);
  if (typeof formatted !== 'string') throw new Error('Invariant violated: a message without tags formats to a string');
  return formatted;
}

/**
 * A fixed set of messages in one language, each compiled the first time it is used and kept:
 * formatting a message again only fills it.
 */
export class MessageBook<Key extends string> {
  private readonly compiled = new Map<Key, IntlMessageFormat>();

  constructor(
    readonly intlLocale: string,
    private readonly messages: Readonly<Record<Key, string>>,
  ) {}

  format(key: Key, values?: MessageValues): string {
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = compileMessage(this.messages[key], this.intlLocale);
      this.compiled.set(key, compiled);
    }
    try {
      return formatCompiled(compiled, values);
    } catch (error) {
      throw new Error(`Message ${key} (${this.intlLocale}) cannot be formatted: ${String(error)}`);
    }
  }
}

/**
 * The names of the values `message` reads, sorted, whether placed as they are, as numbers or as
 * the subject of a plural or select: what two translations of a message must agree on.
 */
export function messageArguments(message: string, intlLocale: string): string[] {
  const names = new Set<string>();
  collectArguments(compileMessage(message, intlLocale).getAst(), names);
  return [...names].sort();
}

function collectArguments(elements: readonly MessageElement[], names: Set<string>): void {
  for (const element of elements) {
    if ('options' in element) {
      names.add(element.value);
      for (const option of Object.values(element.options)) collectArguments(option.value, names);
    } else if ('children' in element) {
      collectArguments(element.children, names);
    } else if ('value' in element && !isLiteral(element)) {
      names.add(element.value);
    }
  }
}

/** The parser's literal text element, told apart from an argument without importing its enum. */
function isLiteral(element: MessageElement): boolean {
  const LITERAL_TYPE = 0;
  return (element.type as number) === LITERAL_TYPE;
}

const compiledByText = new Map<string, IntlMessageFormat>();

/**
 * `message` (a constant of the code, not text from outside) filled with `values`, compiled once
 * per language: for sentences written where they are used, as the server's are.
 */
export function formatMessage(message: string, intlLocale: string, values?: MessageValues): string {
  const cacheKey = `${intlLocale}\u0000${message}`;
  let compiled = compiledByText.get(cacheKey);
  if (!compiled) {
    compiled = compileMessage(message, intlLocale);
    compiledByText.set(cacheKey, compiled);
  }
  return formatCompiled(compiled, values);
}

/** A French sentence of the server (history, statements, reports), by the same rules as the web app's. */
export function formatFrench(message: string, values?: MessageValues): string {
  return formatMessage(message, 'fr-FR', values);
}
