// Onboarding from a spreadsheet: creates one user per CSV row (email, names, department, title and
// `;`-separated group tags), creating any tag that does not exist yet. Invitation emails are not
// sent unless --notify is given (`skip_email_notify`). A row the API rejects is reported and the
// rest go on. Needs an admin's or owner's token (bots cannot create users).
//
//   npx tsx examples/onboard-from-csv.ts examples/new-users.csv
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Pachca, PachcaBadRequestError, PachcaError, PachcaValidationError } from 'pachca-sdk';

const USAGE = `Usage: npx tsx examples/onboard-from-csv.ts FILE.csv [--notify]`;

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

/** The command line's flags; a malformed one ends the program with the usage text. */
function readArgs() {
  try {
    return parseArgs({
      options: {
        help: { type: 'boolean', short: 'h' },
        notify: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    usage((error as Error).message);
  }
}
const { values, positionals } = readArgs();
if (values.help) {
  console.log(
    `${USAGE}\n\nCreates a user for each row of the CSV file, with its group tags; --notify sends the invitations.`,
  );
  process.exit(0);
}
const [file, ...extra] = positionals;
if (file === undefined || extra.length > 0) usage('Give one CSV file');

/** Cells of one CSV line; a quoted cell may hold commas and "" for a quote. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' && quoted && line[i + 1] === '"') cell += line[++i];
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  return [...cells, cell.trim()];
}

/** Rows of a CSV file with a header line, keyed by the header's names. */
function parseCsv(text: string): Record<string, string>[] {
  const [header = [], ...rows] = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(splitCsvLine);
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

const rows = parseCsv(
  await readFile(file, 'utf8').catch((error: Error) => {
    console.error(`Cannot read ${file}: ${error.message}`);
    process.exit(2);
  }),
);
const tagsOf = (row: Record<string, string>) =>
  (row.tags ?? '')
    .split(';')
    .map((tag) => tag.trim())
    .filter(Boolean);
const client = new Pachca();

try {
  // Users get tags by name, so every tag must exist first. `names` filters on the server.
  const wanted = [...new Set(rows.flatMap(tagsOf))];
  const existing = new Set((await client.groupTags.listAll({ names: wanted })).map((tag) => tag.name));
  for (const name of wanted.filter((tag) => !existing.has(tag))) {
    const tag = await client.groupTags.create({ group_tag: { name } });
    console.log(`Created tag ${name} (id ${tag.id})`);
  }

  let created = 0;
  let failed = 0;
  for (const [index, row] of rows.entries()) {
    const line = index + 2; // the header is line 1
    if (!row.email) {
      console.error(`Line ${line}: no email, skipped`);
      failed++;
      continue;
    }
    try {
      // Only the columns that are filled in are sent; the API leaves the rest empty.
      const user = await client.users.create({
        user: {
          email: row.email,
          ...(row.first_name && { first_name: row.first_name }),
          ...(row.last_name && { last_name: row.last_name }),
          ...(row.department && { department: row.department }),
          ...(row.title && { title: row.title }),
          list_tags: tagsOf(row),
        },
        skip_email_notify: !values.notify, // sits beside `user`, not inside it
      });
      console.log(`Line ${line}: created ${row.email} as user ${user.id}`);
      created++;
    } catch (error) {
      // A bad row (email taken, a value too long) must not stop the others; it created nothing,
      // so it can be fixed and sent again on its own.
      if (error instanceof PachcaValidationError || error instanceof PachcaBadRequestError) {
        const { field } = error;
        console.error(
          `Line ${line}: ${row.email} rejected: ${field ? `${field.key} ${field.message} (${field.code})` : error.message}`,
        );
        failed++;
      } else {
        throw error;
      }
    }
  }
  console.log(`Onboarded ${created} of ${rows.length} users${failed ? `, ${failed} failed` : ''}.`);
  if (failed > 0) process.exitCode = 1;
} catch (error) {
  // Anything else (no token, no permission, the network) stops the whole run.
  if (!(error instanceof PachcaError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
