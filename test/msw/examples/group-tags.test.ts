// The README's vitest example, run by the suite as it is printed there (test/msw/readme-examples.test.ts
// keeps the two the same). It imports the package by its name, so it runs against the build.
import { setupServer } from 'msw/node';
import { Pachca, PachcaNotFoundError } from 'pachca-sdk';
import { createWorkspace, mock } from 'pachca-sdk/msw';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

const workspace = createWorkspace({ users: 30 }); // the emulator's seeded workspace, in-process
const server = setupServer(...workspace.handlers);
const client = new Pachca({ token: 'test-token' }); // the emulator's tokens: test-token is the owner

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  workspace.reset(); // every test starts from the seed
});
afterAll(() => server.close());

it('lists a group tag it created', async () => {
  const tag = await client.groupTags.create({ group_tag: { name: 'Release QA' } });
  const tags = await client.groupTags.listAll();
  expect(tags).toContainEqual({ id: tag.id, name: 'Release QA', users_count: 0 });
});

it('starts from the seed again', async () => {
  const tags = await client.groupTags.listAll();
  expect(tags.map((tag) => tag.name)).not.toContain('Release QA');
});

it('still lets mock.*() override one call', async () => {
  server.use(mock.getUser({ status: 404 }));
  await expect(client.users.get(12)).rejects.toBeInstanceOf(PachcaNotFoundError);
});
