// A bulk job that stays within the API's rate limit (about 50 requests per second per token) and
// rides out the 429s it still gets: puts an away status on every member of a group tag, e.g. for
// a team offsite. Requests start without waiting for each other; the client's `rateLimit` spaces
// them, and `maxRetries` retries each 429 after the server's Retry-After. PUT is safe to retry;
// POST is never retried by the SDK, since a retried create could create twice.
//
//   npx tsx examples/bulk-status-with-rate-limit.ts --tag Backend --until 2030-06-01 --rps 20
import { parseArgs } from 'node:util';
import { Pachca, PachcaError, PachcaRateLimitError } from 'pachca-sdk';

const USAGE = `Usage: npx tsx examples/bulk-status-with-rate-limit.ts --tag NAME --until YYYY-MM-DD [--title TEXT] [--emoji E] [--rps N]`;

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
        until: { type: 'string' }, // last day of the offsite, YYYY-MM-DD
        title: { type: 'string', default: 'At the team offsite' },
        emoji: { type: 'string', default: '🏕️' },
        rps: { type: 'string', default: '50' },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
}
const { values } = readArgs();
if (values.help) {
  console.log(`${USAGE}\n\nSets a status on every member of a group tag under a rate limit, riding out 429s.`);
  process.exit(0);
}
const requestsPerSecond = Number(values.rps);
if (!values.tag) usage('--tag is required');
if (!values.until || Number.isNaN(Date.parse(values.until))) usage('--until needs a date such as 2030-06-01');
if (!(requestsPerSecond > 0)) usage('--rps must be a number above 0');
const expiresAt = new Date(values.until);
expiresAt.setUTCHours(23, 59, 59, 0);

// Counts the 429s the client rode out: a custom fetch sees every attempt, retries included.
let throttled = 0;
const client = new Pachca({
  rateLimit: { requestsPerSecond }, // shared by every call of this client, retries included
  maxRetries: 5, // each 429 (and 5xx, network error) is retried up to 5 times before it surfaces
  fetch: async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 429) throttled++;
    return response;
  },
});

try {
  const tag = (await client.groupTags.listAll({ names: [values.tag] })).find((t) => t.name === values.tag);
  if (!tag) {
    console.error(`No group tag named "${values.tag}"`);
    process.exit(1);
  }

  const started = performance.now();
  const jobs: Promise<string | undefined>[] = [];
  for await (const user of client.groupTags.listUsers(tag.id)) {
    // Not awaited here: the rate limiter, not this loop, decides when each request goes out.
    const job = client.users
      .updateStatus(user.id, {
        emoji: values.emoji,
        title: values.title,
        is_away: true,
        expires_at: expiresAt.toISOString(),
      })
      .then(
        () => undefined,
        (error: unknown) => {
          // After maxRetries a 429 surfaces as PachcaRateLimitError; report it and let the rest finish.
          if (error instanceof PachcaRateLimitError) return `${user.nickname}: still rate limited (retry later)`;
          if (error instanceof PachcaError) return `${user.nickname}: ${error.message}`;
          throw error;
        },
      );
    jobs.push(job);
  }

  const failures = (await Promise.all(jobs)).filter((failure) => failure !== undefined);
  for (const failure of failures) console.error(failure);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `Status set for ${jobs.length - failures.length} of ${jobs.length} members of ${tag.name} in ${seconds} s (limit ${requestsPerSecond}/s).`,
  );
  console.log(`429 answers waited out and retried: ${throttled}.`);
  if (failures.length > 0) process.exitCode = 1;
} catch (error) {
  if (!(error instanceof PachcaError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
