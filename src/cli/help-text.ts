// The `Example:` block every command and group shows under --help.

/** `Example:` help text: commands get a `$ ` prompt, comments and continuation lines do not. */
export function exampleText(example: string): string {
  const lines = example.split('\n');
  const shown = lines.map((line, i) => {
    if (line === '' || line.startsWith('#')) return `  ${line}`.trimEnd();
    const continued = lines[i - 1]?.endsWith('\\') ?? false;
    return continued ? `    ${line.trim()}` : `  $ ${line}`;
  });
  return `\nExample:\n${shown.join('\n')}`;
}
