// Going on vacation: show the current status, set an away status with a message and an expiry,
// then (unless --keep) clear it again, as you would on the day you are back.
//
//   npx tsx examples/vacation-status.ts --until 2030-03-10 --message "Back on March 10. Urgent: @ivanov"
import { parseArgs } from 'node:util';
import { Pachca, PachcaError, PachcaPermissionDeniedError, PachcaValidationError, type components } from 'pachca-sdk';

type UserStatus = components['schemas']['UserStatus'];

const USAGE = `Usage: npx tsx examples/vacation-status.ts --until YYYY-MM-DD [--message TEXT] [--keep]`;

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
        until: { type: 'string' }, // last day away, YYYY-MM-DD
        message: { type: 'string', default: 'I am on vacation.' },
        keep: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
}
const { values } = readArgs();
if (values.help) {
  console.log(
    `${USAGE}\n\nSets an away status with a message until the given day, then clears it (--keep leaves it set).`,
  );
  process.exit(0);
}
if (!values.until || Number.isNaN(Date.parse(values.until))) usage('--until needs a date such as 2030-03-10');
const until = new Date(values.until);
// The status expires at the end of the last day away (UTC); the API resets it by itself then.
until.setUTCHours(23, 59, 59, 0);

const client = new Pachca();

const describe = (status: UserStatus | null) =>
  status
    ? `${status.emoji} ${status.title}${status.is_away ? ' (away)' : ''}${status.expires_at ? `, until ${status.expires_at}` : ''}`
    : 'none';

try {
  console.log(`Current status: ${describe(await client.profile.getStatus())}`); // null when none is set

  const status = await client.profile.updateStatus({
    emoji: '🏖️',
    title: `On vacation until ${until.toISOString().slice(0, 10)}`,
    is_away: true,
    away_message: values.message, // a plain string here; responses return it as { text }
    expires_at: until.toISOString(),
  });
  console.log(`Set: ${describe(status)}`);
  console.log(`Away message: ${status.away_message?.text ?? '(none)'}`);

  if (!values.keep) {
    await client.profile.deleteStatus();
    console.log('Cleared the status.');
  }
} catch (error) {
  if (error instanceof PachcaValidationError) {
    // e.g. title longer than 50 characters, or an emoji the API does not know
    console.error(`The API rejected the status: ${error.field?.key} ${error.field?.message}`);
  } else if (error instanceof PachcaPermissionDeniedError) {
    console.error(`${error.message}\nThe token needs the profile_status:read and profile_status:write scopes.`);
  } else if (error instanceof PachcaError) {
    console.error(error.message);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
