// Who am I, and what may my token do? Prints the profile behind PACHCA_TOKEN and the token's
// scopes, and checks them against the scopes a job needs (`--need users:read,users:update`).
//
//   npx tsx examples/whoami.ts --need users:read,group_tags:read
import { parseArgs } from 'node:util';
import { Pachca, PachcaAuthenticationError, PachcaError } from 'pachca-sdk';

const USAGE = `Usage: npx tsx examples/whoami.ts [--need scope,scope…]`;

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
        need: { type: 'string', default: '' },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
}
const { values } = readArgs();
if (values.help) {
  console.log(
    `${USAGE}\n\nPrints the profile behind PACHCA_TOKEN and its scopes; --need lists the scopes a job needs.`,
  );
  process.exit(0);
}
const needed = values.need.split(',').filter(Boolean);

const client = new Pachca(); // token from PACHCA_TOKEN, base URL from PACHCA_BASE_URL

try {
  // GET /oauth/token/info needs no scope, so it works even for a token that can read nothing else.
  const token = await client.oauth.tokenInfo();
  console.log(`Token ${token.token} (${token.name ?? 'bot token'}), user ${token.user_id}`);
  console.log(`Scopes: ${token.scopes.join(', ')}`);

  if (token.scopes.includes('profile:read')) {
    const me = await client.profile.get();
    const name = [me.first_name, me.last_name].filter(Boolean).join(' ') || me.nickname;
    console.log(`Signed in as ${name} <${me.email ?? 'email hidden'}>, role ${me.role}`);
  }

  const missing = needed.filter((scope) => !token.scopes.includes(scope));
  if (missing.length > 0) {
    console.error(`Missing scopes: ${missing.join(', ')}`);
    process.exitCode = 1;
  } else if (needed.length > 0) {
    console.log(`Has every scope needed: ${needed.join(', ')}`);
  }
} catch (error) {
  if (error instanceof PachcaAuthenticationError) {
    console.error(`The token was refused (${error.error ?? error.status}): check PACHCA_TOKEN`);
  } else if (error instanceof PachcaError) {
    console.error(error.message); // says what happened and quotes the request id
  } else {
    throw error;
  }
  process.exitCode = 1;
}
