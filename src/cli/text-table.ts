// Borderless aligned columns (like kubectl or gh), from cli-table3: the result tables and the
// help-like listings (`pachca api ls`, --describe). cli-table3 loads only when a table is printed:
// a CLI's start-up time is felt.
type TableClass = typeof import('cli-table3');

export const loadTable = async (): Promise<TableClass> => (await import('cli-table3')).default;

// cli-table3's own colours stay off: a header is bold only when the view says the output is a
// terminal that wants colour.
export const PLAIN_STYLE = { head: [] as string[], border: [] as string[], 'padding-left': 0, 'padding-right': 2 };
export const NO_BORDERS = Object.fromEntries(
  [
    'top',
    'top-mid',
    'top-left',
    'top-right',
    'bottom',
    'bottom-mid',
    'bottom-left',
    'bottom-right',
    'left',
    'left-mid',
    'mid',
    'mid-mid',
    'right',
    'right-mid',
    'middle',
  ].map((c) => [c, '']),
);

/** cli-table3 pads every line to the table's width; the padding at line ends is dropped. */
export const trimLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');

/** Rows of text in aligned columns without borders (help-like listings); the last column wraps to `width`. */
export async function textTable(rows: string[][], width?: number): Promise<string> {
  const Table = await loadTable();
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)) + 2) ?? [];
  const last = width === undefined ? undefined : Math.max(width - widths.slice(0, -1).reduce((a, b) => a + b, 0), 20);
  const table = new Table({
    style: PLAIN_STYLE,
    chars: NO_BORDERS,
    ...(last === undefined ? {} : { colWidths: [...widths.slice(0, -1), last], wordWrap: true }),
  });
  table.push(...rows);
  return trimLines(table.toString());
}
