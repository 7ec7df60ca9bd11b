// What a browser app does with the SDK, as checks that report plain JSON: the page of each
// bundler's scratch app runs them against the Prism mock on another origin (test/browser/), and
// any other harness (a mock service worker, say) can run the same checks by importing this module.
// Each check resolves to a small summary of what the SDK returned or threw.
import { Pachca, PachcaInputError, PachcaNotFoundError } from 'pachca-sdk';

// The first bytes of a PNG: enough for a Blob that says what it is.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** What an error looks like in a report: its class and whether it is the SDK's typed one. */
function describeError(error, type) {
  return { name: error?.name, typed: error instanceof type, status: error?.status, message: error?.message };
}

/** The checks, by name; each takes a client and returns JSON. */
export const checks = {
  async profile(client) {
    const { id, nickname } = await client.profile.get();
    return { id, nickname };
  },
  async usersForAwait(client) {
    const ids = [];
    for await (const user of client.users.list()) ids.push(user.id);
    return ids;
  },
  async createGroupTag(client) {
    const { id, name } = await client.groupTags.create({ group_tag: { name: 'Backend' } });
    return { id, name };
  },
  async notFound(client) {
    const error = await client.users.get(404, { headers: { Prefer: 'code=404' } }).then(
      () => undefined,
      (caught) => caught,
    );
    return describeError(error, PachcaNotFoundError);
  },
  async blobAvatar(client) {
    const { image_url } = await client.profile.updateAvatar(new Blob([PNG], { type: 'image/png' }));
    return { image_url };
  },
  async deleteUser(client) {
    return { result: (await client.users.delete(13)) ?? 'undefined' };
  },
  async pathAvatar(client) {
    const error = await client.profile.updateAvatar('avatar.png').then(
      () => undefined,
      (caught) => caught,
    );
    return describeError(error, PachcaInputError);
  },
};

/** Runs every check against `baseUrl` in turn; a check that throws reports `{ threw }` and the rest still run. */
export async function runChecks(baseUrl) {
  const client = new Pachca({ token: 'browser-token-0123456789', baseUrl, timeoutMs: 5000, maxRetries: 0 });
  const results = {};
  for (const [name, check] of Object.entries(checks)) {
    try {
      results[name] = await check(client);
    } catch (error) {
      results[name] = { threw: `${error?.name}: ${error?.message}` };
    }
  }
  return results;
}
