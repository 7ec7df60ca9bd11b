// The README's fenced code blocks, each with the heading it sits under and its line, and the
// `pachca …` commands of its shell blocks with the exit code a comment promises (`# → exit 1: …`).
// A block right after `<!-- readme-test: … -->` says how it is checked instead of being run.
import { shellWords } from '../cli/shell-words.js';

export interface Block {
  lang: string;
  /** `## CLI`, for messages. */
  heading: string;
  /** 1-based line of the opening fence. */
  line: number;
  text: string;
  /** What the `<!-- readme-test: … -->` comment before the block says. */
  marker?: string;
}

export function readmeBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let heading = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,6} /.test(line)) heading = line;
    const fence = /^```(\w*)\s*$/.exec(line);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README.md:${i + 1}: a code block that never closes`);
    const marker = /^<!-- readme-test: (.+?) -->$/.exec(lines[i - 1] ?? '')?.[1];
    blocks.push({
      lang: fence[1]!,
      heading,
      line: i + 1,
      text: lines.slice(i + 1, end).join('\n'),
      ...(marker ? { marker } : {}),
    });
    i = end;
  }
  return blocks;
}

export type ShellStep =
  | { kind: 'export'; line: number; vars: Record<string, string> }
  | {
      kind: 'pachca';
      line: number;
      /** The line as the README shows it, comment dropped. */
      text: string;
      /** argv after `pachca`, with $VARs left for the runner to fill. */
      command: string;
      /** `> FILE` at the end of the line. */
      redirect?: string;
      /** 0 unless a `# → exit N: …` comment says otherwise. */
      exit: number;
    };

/** Splits a line at its first `#` comment outside quotes. */
function splitComment(line: string): [string, string] {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return [line.slice(0, i).trimEnd(), line.slice(i + 1)];
  }
  return [line.trimEnd(), ''];
}

/** The steps of a shell block a reader's shell would take that concern the CLI: exports and `pachca …` lines. */
export function shellSteps(block: Block): ShellStep[] {
  const steps: ShellStep[] = [];
  const lines = block.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = block.line + 1 + i;
    let text = lines[i]!;
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]!.trim()}`;
    const [code, comment] = splitComment(text);
    if (code.startsWith('export ')) {
      const vars = Object.fromEntries(
        shellWords(code.slice('export '.length)).map((word) => {
          const at = word.indexOf('=');
          return [word.slice(0, at), word.slice(at + 1)];
        }),
      );
      steps.push({ kind: 'export', line, vars });
      continue;
    }
    const pachca = /^(?:npx )?pachca(?: (.*))?$/.exec(code);
    if (!pachca) continue;
    const redirect = /^(.*?)\s+>\s*(\S+)$/.exec(pachca[1] ?? '');
    const exit = /→\s*exit (\d+)/.exec(comment);
    steps.push({
      kind: 'pachca',
      line,
      text: code,
      command: redirect ? redirect[1]! : (pachca[1] ?? ''),
      ...(redirect ? { redirect: redirect[2]! } : {}),
      exit: exit ? Number(exit[1]) : 0,
    });
  }
  return steps;
}
