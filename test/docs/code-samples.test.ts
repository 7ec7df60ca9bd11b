// The docs' code samples are written from the spec: the SDK call from x-sdk-method, the CLI line
// from x-cli-command, argument values from the spec's examples.
import { describe, expect, it } from 'vitest';
import { cliSample, codeSamples, curlSample, SAMPLE_COMMENTS, sdkSample } from '../../scripts/lib/code-samples.js';
import { dereference } from '../../scripts/lib/dereference.js';
import type { Operation, Spec } from '../../scripts/lib/spec.js';
import { specOperations } from '../support/spec.js';

const operations = specOperations();
const op = (id: string) => operations.find((o) => o.operationId === id)!;
const BASE = 'https://api.pachca.com/api/shared/v1';

describe('SDK samples', () => {
  it('list: a first page, then every item', () => {
    const sample = sdkSample(op('listUsers'));
    expect(sample).toContain("import { Pachca } from 'pachca-sdk';");
    expect(sample).toContain('const page = await client.users.list({ limit: 50 });');
    expect(sample).toContain('for await (const user of client.users.list()) {');
  });

  it('update: path argument, then the body from the request example', () => {
    expect(sdkSample(op('updateUser'))).toContain(
      "const user = await client.users.update(12, {\n  user: { title: 'Team lead', list_tags: ['Backend', 'QA'] },\n});",
    );
  });

  it('x-sdk-body: the status object itself, not the wrapper', () => {
    const sample = sdkSample(op('updateProfileStatus'));
    expect(sample).toContain('const status = await client.profile.updateStatus({\n');
    expect(sample).toContain("  emoji: '🏖️',\n  title: 'On vacation until March 10',\n");
    expect(sample).not.toContain('status: {');
  });

  it('deletes return nothing; nullable results say so; uploads take a path', () => {
    expect(sdkSample(op('deleteUser'))).toMatch(/\nawait client\.users\.delete\(12\);$/);
    expect(sdkSample(op('getUserStatus'))).toContain(
      'const status = await client.users.getStatus(12); // null when there is none',
    );
    expect(sdkSample(op('updateUserAvatar'))).toContain(
      "const avatar = await client.users.updateAvatar(12, './avatar.png');",
    );
    expect(sdkSample(op('listCustomProperties'))).toContain(
      "client.customProperties.list({\n  entity_type: 'User',\n});",
    );
  });
});

describe('CLI samples', () => {
  it('flags from the request example, kebab-cased, the wrapper object flattened', () => {
    expect(cliSample(op('updateUser'))).toBe('pachca users update 12 --title="Team lead" --list-tags=Backend,QA');
    expect(cliSample(op('createGroupTag'))).toBe('pachca group-tags create --name=Backend');
    expect(cliSample(op('listCustomProperties'))).toBe('pachca common custom-properties --entity-type=User');
  });

  it('destructive commands carry --force; uploads --file; lists show --all', () => {
    expect(cliSample(op('deleteUser'))).toBe('pachca users delete 12 --force');
    expect(cliSample(op('deleteUserStatus'))).toBe('pachca users remove-status 12 --force');
    expect(cliSample(op('updateProfileAvatar'))).toBe('pachca profile update-avatar --file=./avatar.png');
    expect(cliSample(op('listUsers'))).toBe(
      'pachca users list --limit=50\n\n# Every page, with progress on stderr:\npachca users list --all',
    );
  });

  it('long commands continue one flag per line; true booleans are bare flags', () => {
    expect(cliSample(op('updateUserStatus'))).toBe(
      [
        'pachca users update-status 12 \\',
        '  --emoji="🏖️" \\',
        '  --title="On vacation until March 10" \\',
        '  --expires-at=2030-03-10T23:59:59.000Z \\',
        '  --is-away \\',
        '  --away-message="I am on vacation. For urgent matters contact @ivanov."',
      ].join('\n'),
    );
  });
});

describe('curl samples', () => {
  it('the production URL, the bearer header and the JSON body', () => {
    expect(curlSample(op('updateUser'), BASE)).toBe(
      [
        `curl -X PUT ${BASE}/users/12 \\`,
        '  -H "Authorization: Bearer $PACHCA_TOKEN" \\',
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"user":{"title":"Team lead","list_tags":["Backend","QA"]}}'`,
      ].join('\n'),
    );
    expect(curlSample(op('updateUserAvatar'), BASE)).toContain('-F image=@./avatar.png');
  });
});

describe('samples on a page in another language', () => {
  it('are the same code, with the comments in that language', () => {
    const list = op('listUsers');
    expect(sdkSample(list, 'ru')).toContain('const client = new Pachca(); // токен из PACHCA_TOKEN');
    expect(sdkSample(list, 'ru')).toContain('// Или все записи всех страниц, по мере загрузки:');
    expect(cliSample(list, 'ru')).toBe(
      'pachca users list --limit=50\n\n# Все страницы, ход загрузки — в stderr:\npachca users list --all',
    );
    expect(sdkSample(op('getUserStatus'), 'ru')).toContain('client.users.getStatus(12); // null, если его нет');
    // Swap the comments back and the samples are the English ones, character for character.
    const { ru, en } = SAMPLE_COMMENTS;
    const english = (source: string) =>
      (Object.keys(ru) as (keyof typeof ru)[]).reduce((text, key) => text.replaceAll(ru[key], en[key]), source);
    for (const operation of operations) {
      expect(codeSamples(operation, BASE, 'ru').map((s) => english(s.source))).toEqual(
        codeSamples(operation, BASE).map((s) => s.source),
      );
    }
  });
});

describe('a new operation in the spec', () => {
  it('gets its samples with no code written for it', () => {
    const archive: Operation = {
      ...op('deleteGroupTag'),
      operationId: 'archiveChat',
      method: 'put',
      path: '/chats/{id}/archive',
      'x-sdk-method': 'chats.archive',
      'x-cli-command': 'chats archive',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', example: 334 } }],
      responses: { '204': { description: 'Archived.' } },
    };
    expect(codeSamples(archive, BASE).map((s) => s.source.split('\n').at(-1))).toEqual([
      'await client.chats.archive(334);',
      'pachca chats archive 334',
      '  -H "Authorization: Bearer $PACHCA_TOKEN"',
    ]);
  });

  it('fails the build, naming the operation, when its request body has no example', () => {
    const noExample: Operation = {
      ...op('createGroupTag'),
      requestBody: { content: { 'application/json': { schema: {} } } },
    };
    expect(() => sdkSample(noExample)).toThrow(/createGroupTag: the request body has no example/);
  });
});

describe('dereference', () => {
  const tiny = (components: Record<string, unknown>, schema: unknown) =>
    ({
      openapi: '3.1.0',
      info: {},
      servers: [],
      paths: { '/x': { get: { schema } } },
      components: { schemas: components },
    }) as unknown as Spec;
  const schemaOf = (spec: Spec) => (spec.paths['/x']!.get as { schema: unknown }).schema;

  it('inlines references, nested ones too', () => {
    const spec = tiny(
      { A: { properties: { b: { $ref: '#/components/schemas/B' } } }, B: { type: 'integer' } },
      { $ref: '#/components/schemas/A' },
    );
    expect(schemaOf(dereference(spec))).toEqual({ properties: { b: { type: 'integer' } } });
  });

  it('keeps the reference where a schema contains itself', () => {
    const spec = tiny(
      { Node: { properties: { child: { $ref: '#/components/schemas/Node' } } } },
      { $ref: '#/components/schemas/Node' },
    );
    expect(schemaOf(dereference(spec))).toEqual({ properties: { child: { $ref: '#/components/schemas/Node' } } });
  });

  it('names a reference it cannot resolve', () => {
    expect(() => dereference(tiny({}, { $ref: '#/components/schemas/Missing' }))).toThrow(
      'unresolvable $ref #/components/schemas/Missing',
    );
  });
});
