// The pachca-sdk/msw examples of docs/msw.md are files in test/msw/examples/: the vitest example
// runs as a test of the suite, and this file runs the Storybook example's hooks under setupServer
// (as msw-storybook-addon serves `parameters.msw.handlers`) and checks that the page prints both
// files as they are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/spec.js';
import { Pachca, PachcaServerError } from '../../src/index.js';
import meta, { Saved, ServerDown } from './examples/user-list.stories.js';
import snapshot from './examples/workspace.json' with { type: 'json' };

const EXAMPLES = join(ROOT, 'test/msw/examples');
const PAGE = readFileSync(join(ROOT, 'docs/msw.md'), 'utf8');

/** An example as the page prints it: the file from its first import on (the header says why the file exists). */
const printed = (file: string) => {
  const source = readFileSync(join(EXAMPLES, file), 'utf8');
  return source.slice(source.indexOf('import '));
};

describe('docs/msw.md', () => {
  for (const file of ['group-tags.test.ts', 'user-list.stories.ts']) {
    it(`prints examples/${file} as it is`, () => {
      expect(PAGE).toContain(printed(file));
    });
  }
});

describe('the Storybook example', () => {
  const server = setupServer(...meta.parameters.msw.handlers);
  const client = new Pachca({ token: 'test-token', maxRetries: 0 });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('starts a story from the saved workspace', async () => {
    Saved.beforeEach();
    const users = await client.users.listAll();
    expect(users.map((user) => user.email)).toEqual(snapshot.users.map((user) => user.email));
    expect(users.map((user) => user.last_name)).toContain('Волкова');
    const [tag] = await client.groupTags.listAll({ names: ['Design review'] });
    expect(tag?.users_count).toBe(1);
  });

  it('starts a failing story from the same workspace, and its cleanup clears the fault', async () => {
    await client.groupTags.create({ group_tag: { name: 'Left over from another story' } });
    const cleanup = ServerDown.beforeEach();
    expect(await client.groupTags.listAll()).not.toContainEqual(
      expect.objectContaining({ name: 'Left over from another story' }),
    );
    await expect(client.users.list()).rejects.toBeInstanceOf(PachcaServerError);
    cleanup();
    expect((await client.users.list()).data).toHaveLength(snapshot.users.length);
  });
});
