// Exporting a team: finds a group tag by name and writes its members to CSV, one page at a time
// with `for await` (only the current page is held in memory, however large the tag). The CSV goes
// to stdout, or to the file given with --out FILE; the summary goes to stderr.
//
//   npx tsx examples/export-tag-members.ts --tag Backend
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Pachca, PachcaError, PachcaNotFoundError } from 'pachca-sdk';

const USAGE = `Usage: npx tsx examples/export-tag-members.ts --tag NAME [--out FILE]`;

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
        tag: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
}
const { values } = readArgs();
if (values.help) {
  console.log(`${USAGE}\n\nWrites a group tag's members as CSV to --out, or to stdout.`);
  process.exit(0);
}
if (!values.tag) usage('--tag is required');

const COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'nickname',
  'email',
  'department',
  'title',
  'role',
  'suspended',
] as const;

/** A CSV cell: quoted when it holds a comma, quote or line break; null is empty. */
const cell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const client = new Pachca();
const out = values.out ? createWriteStream(values.out) : process.stdout;

try {
  // `names` filters on the server; the exact match is checked here all the same.
  const tags = await client.groupTags.listAll({ names: [values.tag] });
  const tag = tags.find((candidate) => candidate.name === values.tag);
  if (!tag) {
    console.error(
      `No group tag named "${values.tag}". Tags: ${(await client.groupTags.listAll()).map((t) => t.name).join(', ')}`,
    );
    process.exit(1);
  }

  out.write(`${COLUMNS.join(',')}\n`);
  let count = 0;
  // Each page is fetched when the previous one has been written: memory stays flat.
  for await (const user of client.groupTags.listUsers(tag.id, { limit: 50 })) {
    // Respect backpressure, so a slow disk or pipe does not buffer the whole list either.
    if (!out.write(`${COLUMNS.map((column) => cell(user[column])).join(',')}\n`)) await once(out, 'drain');
    count++;
  }
  if (out !== process.stdout) {
    out.end();
    await finished(out);
  }
  console.error(`Exported ${count} members of ${tag.name} (tag ${tag.id})${values.out ? ` to ${values.out}` : ''}.`);
} catch (error) {
  if (error instanceof PachcaNotFoundError) {
    console.error(`The tag was deleted while exporting: ${error.message}`);
  } else if (error instanceof PachcaError) {
    console.error(error.message);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
