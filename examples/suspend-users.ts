// Offboarding by search: suspends every user a search finds (name, email, phone or nickname,
// partial match), skipping yourself and users already suspended. Run it with --dry-run first to
// see who would be suspended: a search for "ivan" also finds "ivanova". Suspension keeps the
// user's data and can be undone (`users.update(id, { user: { suspended: false } })`).
//
//   npx tsx examples/suspend-users.ts --query anna --dry-run
//   npx tsx examples/suspend-users.ts --query anna
import { parseArgs } from 'node:util';
import { Pachca, PachcaError, PachcaNotFoundError, PachcaPermissionDeniedError } from 'pachca-sdk';

const USAGE = `Usage: npx tsx examples/suspend-users.ts --query TEXT [--dry-run]`;

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
        query: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
}
const { values } = readArgs();
if (values.help) {
  console.log(`${USAGE}\n\nSuspends the users a search finds; --dry-run only lists them.`);
  process.exit(0);
}
if (!values.query?.trim()) usage('--query is required');
const dryRun = values['dry-run'];

const client = new Pachca();

try {
  const { user_id: myId } = await client.oauth.tokenInfo();

  // Collect the matches first, so a dry run and a real run act on the same list.
  const targets = [];
  for await (const user of client.users.list({ query: values.query })) {
    const label = `${user.nickname} (${user.id}, ${user.email ?? 'no email'})`;
    if (user.id === myId) console.log(`skip    ${label}: that is you`);
    else if (user.suspended) console.log(`skip    ${label}: already suspended`);
    else targets.push({ id: user.id, label });
  }

  let failed = 0;
  for (const { id, label } of targets) {
    if (dryRun) {
      console.log(`would suspend ${label}`);
      continue;
    }
    try {
      await client.users.update(id, { user: { suspended: true } }); // sends only this field
      console.log(`suspended ${label}`);
    } catch (error) {
      // One user that cannot be suspended (the owner, or deleted meanwhile) must not stop the rest.
      if (!(error instanceof PachcaPermissionDeniedError || error instanceof PachcaNotFoundError)) throw error;
      console.error(`failed  ${label}: ${error.message}`);
      failed++;
    }
  }
  const verb = dryRun ? 'would be suspended (dry run: nothing was changed)' : 'suspended';
  console.log(`${targets.length - failed} of ${targets.length} users ${verb}.`);
  if (failed > 0) process.exitCode = 1;
} catch (error) {
  if (!(error instanceof PachcaError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
