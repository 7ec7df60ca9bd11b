// What each check of test/browser/app/checks.js reports when the API answers with the spec's
// first examples (the Prism mock, or any mock serving the same examples), and what it shows.
// Shared by every harness that runs the checks in a browser.
import { expect } from 'vitest';

export const EXPECTED_RESULTS: Record<string, { shows: string; result: unknown }> = {
  profile: { shows: 'gets the profile', result: { id: 12, nickname: 'olegp' } },
  usersForAwait: { shows: 'iterates users.list() with for await', result: [12, 13] },
  createGroupTag: { shows: 'creates a group tag', result: { id: 9111, name: 'Backend' } },
  notFound: {
    shows: 'turns `Prefer: code=404` into a PachcaNotFoundError',
    result: expect.objectContaining({ name: 'PachcaNotFoundError', typed: true, status: 404 }),
  },
  blobAvatar: { shows: 'uploads a Blob avatar', result: { image_url: 'https://app.pachca.com/users/12/photo.jpg' } },
  deleteUser: { shows: 'deletes a user', result: { result: 'undefined' } },
  pathAvatar: {
    shows: 'rejects a file path with a PachcaInputError',
    result: expect.objectContaining({
      name: 'PachcaInputError',
      typed: true,
      message: expect.stringMatching(/file paths need Node\.js; pass a Blob, File or bytes/),
    }),
  },
};
