// The command lines of a CLI example (a --help example, also the docs' CLI sample) as argv words.

/** Splits a shell line into words: '…', "…" with backslash escapes, and `\` line continuations. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const source = text.replace(/\\\n/g, ' ');
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = source.indexOf("'", i + 1);
      word = (word ?? '') + source.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= '';
      for (i++; source[i] !== '"'; i++) word += source[i] === '\\' ? source[++i] : source[i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Every command line of an example (comments and blank lines dropped). */
export const commandLines = (example: string) =>
  example
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'));

/** `$NAME` and `${NAME}` filled in from `env` (an unset one is empty, as in a shell). */
export const expand = (text: string, env: Record<string, string | undefined>) =>
  text.replace(/\$\{?(\w+)\}?/g, (_, name: string) => env[name] ?? '');
