// Adding an operation is its spec file plus `npm run generate`: a copy of the repository's spec
// gets a 25th operation (test/generate/search-users.yaml, a paginated search with an array query
// parameter and its own examples), the generator writes a copy of generated/ from it beside a copy
// of src/, and every derived piece picks the operation up with no other edit: the SDK method and
// its every-page twin, the CLI command and `--describe`, the MSW handler, the docs' samples, the
// coverage gates' counts and the live check's walk. It fails exactly the gates that name it (its
// emulator handler, its facts row, its Russian text); the gates that derive from the spec (the
// token table, the not-implemented answer, the docs page, the coverage gates) take it as it is.
// Nothing is built or started: the copies are imported in-process.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getResponse, type HttpHandler } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { generate, renderGenerated } from '../../scripts/generate.js';
import { codeSamples } from '../../scripts/lib/code-samples.js';
import { conventionProblems } from '../../scripts/lib/conventions.js';
import { dereference } from '../../scripts/lib/dereference.js';
import { bundleSpec, listOperations, type Operation, ROOT, type Spec } from '../../scripts/lib/spec.js';
import type { Checker } from '../../scripts/lib/verify/checker.js';
import { type Tables, walkReads } from '../../scripts/lib/verify/walk.js';
import type { OperationRow } from '../../src/core/operation.js';
import type * as Sdk from '../../src/index.js';
import type * as Msw from '../../src/msw/index.js';
import type * as Cli from '../../src/cli/program.js';
import type * as Emulator from '../../src/emulator/index.js';
import type * as Engine from '../../src/emulator/engine.js';
import type * as Handlers from '../../src/emulator/handlers/index.js';
import { DOCS_LANGUAGES } from '../../scripts/lib/docs-languages.js';
import { type Overlay, translatedSummaries } from '../docs/overlay-targets.js';
import { atPointer, isRussian, translatableFields } from '../docs/translatable-fields.js';
import { call } from '../emulator/support.js';
import { EXPECTED, requestOf } from '../emulator/token-table.js';
import { documentedRoutes } from '../spec/facts.js';
import { runInProcess } from '../cli/run-cli.js';
import { declaredExamples, declaredResponses } from '../support/coverage.js';
import { listAllCall, sdkCall } from '../support/sdk-calls.js';
import { specOperations } from '../support/spec.js';

const ID = 'searchUsers';
const PATH = '/search/users';
const TOKEN = 'new-operation-token';

// Inside the repository, so that the copies resolve openapi-fetch, msw and commander from its
// node_modules; .tmp/ is gitignored and outside the typecheck.
let dir: string;
let specRoot: string;
let op: Operation;
let ops: Operation[];
let spec: Spec;
let sdk: typeof Sdk;
let msw: typeof Msw;
let cli: typeof Cli;
let emulator: typeof Emulator;
let engine: typeof Engine;
let handlers: typeof Handlers;
let tables: Tables;

/** Writes the repository's spec to `dir`, with the new path file. */
function copySpec(): void {
  cpSync(join(ROOT, 'openapi'), join(dir, 'openapi'), { recursive: true });
  const pathFile = readFileSync(join(ROOT, 'test/generate/search-users.yaml'), 'utf8');
  writeFileSync(join(dir, 'openapi/paths/search_users.yaml'), pathFile);
  const root = parseDocument(readFileSync(specRoot, 'utf8'));
  root.setIn(['paths', PATH], root.createNode({ $ref: 'paths/search_users.yaml' }));
  writeFileSync(specRoot, root.toString());
}

const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(dir, path)).href)) as T;

/** `client.search[name]`: the copy's client has the resource, this repository's types do not. */
function searchMethod(client: Sdk.Pachca, name: string): (...args: unknown[]) => Promise<unknown> {
  const method = (client as unknown as { search?: Record<string, (...args: unknown[]) => Promise<unknown>> }).search?.[
    name
  ];
  if (!method) throw new Error(`the client has no search.${name}()`);
  return method;
}

/** A fetch answered in-process by the copy's MSW handlers, recording each URL. */
function mswFetch(handlers: HttpHandler[], urls: string[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    urls.push(request.url);
    return (await getResponse(handlers, request)) ?? new Response('no handler', { status: 599 });
  };
}

beforeAll(async () => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  dir = mkdtempSync(join(ROOT, '.tmp', 'new-operation-'));
  specRoot = join(dir, 'openapi/openapi.yaml');
  copySpec();
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  spec = dereference(bundleSpec({ specRoot }));
  await generate({ specRoot, outDir: join(dir, 'generated'), spec });
  ops = listOperations(spec);
  op = ops.find((o) => o.operationId === ID) as Operation;
  [sdk, msw, cli, emulator, engine, handlers] = await Promise.all([
    load<typeof Sdk>('src/index.ts'),
    load<typeof Msw>('src/msw/index.ts'),
    load<typeof Cli>('src/cli/program.ts'),
    load<typeof Emulator>('src/emulator/index.ts'),
    load<typeof Engine>('src/emulator/engine.ts'),
    load<typeof Handlers>('src/emulator/handlers/index.ts'),
  ]);
  const { cliCommands } = await load<typeof import('../../generated/cli-commands.js')>('generated/cli-commands.ts');
  tables = { operations: sdk.operations as Record<string, OperationRow>, commands: cliCommands };
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a 25th operation, from its spec file and `npm run generate` alone', () => {
  it('is in the generated operation table and the typed resources', () => {
    expect(sdk.operations).toHaveProperty(ID, {
      route: `GET ${PATH}`,
      sdk: 'search.listUsers',
      query: ['query', 'company_roles[]', 'limit', 'cursor'],
      success: 200,
      paginated: true,
    });
    const types = readFileSync(join(dir, 'generated/resources.ts'), 'utf8');
    expect(types).toContain('export interface SearchResource {');
    // On one line, or one parameter a line past 120 columns.
    expect(types).toMatch(
      / {2}listUsers\(\s*params\?: QueryOf<"searchUsers">,\s*options\?: RequestOptions,?\s*\): PagePromise</,
    );
    expect(types).toMatch(/ {2}listAllUsers\(\s*params\?: QueryOf<"searchUsers">,\s*options\?: ListAllOptions,?\s*\)/);
  });

  it('is an SDK method that sends the array Rails-style and pages, with its every-page twin', async () => {
    const urls: string[] = [];
    const client = new sdk.Pachca({ token: TOKEN, maxRetries: 0, fetch: mswFetch(msw.handlers(), urls) });
    const page = (await searchMethod(
      client,
      'listUsers',
    )({
      query: 'Oleg',
      company_roles: ['admin', 'user'],
      limit: 2,
    })) as Sdk.Page<{ id: number }>;
    expect(urls).toEqual([
      `${sdk.DEFAULT_BASE_URL}${PATH}?query=Oleg&company_roles[]=admin&company_roles[]=user&limit=2`,
    ]);
    expect(page).toBeInstanceOf(sdk.Page);
    expect(page.data.map((user) => user.id)).toEqual([12]);
    expect(page.hasNextPage()).toBe(true);
    // The handler answers every page with its first example: the twin stops at the search's `total`.
    const all = (await searchMethod(client, 'listAllUsers')({ query: 'Oleg' })) as { id: number }[];
    expect(all.map((user) => user.id)).toEqual([12, 12]);
  });

  it('has an MSW handler and mock, with its examples and declared errors', async () => {
    expect(msw.handlers()).toHaveLength(ops.length);
    const mock = (answer: object) =>
      (msw.mock as unknown as Record<typeof ID, (answer: object) => HttpHandler>)[ID](answer);
    const client = (handler: HttpHandler) =>
      new sdk.Pachca({ token: TOKEN, maxRetries: 0, fetch: mswFetch([handler], []) });
    const last = (await searchMethod(client(mock({ example: 'lastPage' })), 'listAllUsers')()) as { id: number }[];
    expect(last.map((user) => user.id)).toEqual([13]);
    const invalid = await searchMethod(client(mock({ status: 422 })), 'listUsers')().catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(sdk.PachcaValidationError);
  });

  it('is served by the emulator at once: its spec example, listed as not implemented', async () => {
    const workspace = emulator.createEmulator({ users: 5 });
    expect(workspace.unimplemented).toEqual([ID]);
    const response = await workspace.handle(
      new Request(`http://emulator${PATH}?query=Oleg`, { headers: { authorization: `Bearer test-token` } }),
    );
    expect(response.status).toBe(200);
    const example = Object.values(op.responses['200']?.content?.['application/json']?.examples ?? {})[0];
    expect(await response.json()).toEqual((example as { value: unknown }).value);
  });

  it('is a CLI command, with its flags, and in `pachca api … --describe`', async () => {
    const env = { PACHCA_TOKEN: TOKEN };
    const dryRun = await runInProcess(
      ['search', 'users', '--query', 'Oleg', '--company-roles', 'admin,user', '--dry-run', '-o', 'json'],
      { env },
      cli.main,
    );
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.json()).toMatchObject({
      method: 'GET',
      url: `${sdk.DEFAULT_BASE_URL}${PATH}?query=Oleg&company_roles[]=admin&company_roles[]=user`,
    });
    const describe = await runInProcess(['api', 'GET', PATH, '--describe', '-o', 'json'], { env }, cli.main);
    expect(describe.code, describe.stderr).toBe(0);
    expect(describe.json()).toMatchObject({
      summary: 'Search users',
      scope: 'search:users',
      command: 'pachca search users',
      parameters: expect.arrayContaining([expect.objectContaining({ name: 'company_roles[]', in: 'query' })]),
    });
  });

  it('gets the docs samples: SDK, CLI and curl', () => {
    const [ts, shell, curl] = codeSamples(op, 'https://api.pachca.com/api/shared/v1').map((s) => s.source);
    expect(ts).toContain('await client.search.listUsers({ limit: 50 });');
    expect(ts).toContain('for await (const user of client.search.listUsers())');
    expect(shell).toContain('pachca search users --limit=50');
    expect(shell).toContain('pachca search users --all');
    expect(curl).toContain('"https://api.pachca.com/api/shared/v1/search/users?limit=50"');
  });

  it('counts in the contract and MSW coverage gates, which fail until it is exercised', async () => {
    const before = specOperations();
    const statuses = ['200', '400', '401', '403', '422'].map((status) => `${ID} ${status}`);
    expect(declaredResponses(ops)).toEqual(expect.arrayContaining(statuses));
    expect(declaredResponses(ops).length - declaredResponses(before).length).toBe(statuses.length);
    expect(declaredExamples(ops)).toEqual(expect.arrayContaining([`${ID} 200 nextPage`, `${ID} 200 lastPage`]));
    expect(ops.length).toBe(before.length + 1);
    // The suites call every operation through test/support/sdk-calls.ts, made from the examples.
    const client = new sdk.Pachca({ token: TOKEN, maxRetries: 0, fetch: mswFetch(msw.handlers(), []) });
    expect(await sdkCall(op)(client)).toBeInstanceOf(sdk.Page);
    expect(await listAllCall(op)(client)).toHaveLength(2);
  });

  it('is read by the live check: both pages and a search for the nickname it saw first', async () => {
    const checks: string[] = [];
    const checker = {
      async check(operationId: string, call: () => PromiseLike<unknown>, { label }: { label?: string } = {}) {
        checks.push(label ? `${operationId} (${label})` : operationId);
        return { value: await call() };
      },
      skip(operationId: string, reason: string, label?: string) {
        checks.push(`${operationId} (${label ?? ''}) skipped: ${reason}`);
      },
    };
    const urls: string[] = [];
    const client = new sdk.Pachca({ token: TOKEN, maxRetries: 0, fetch: mswFetch(msw.handlers(), urls) });
    await walkReads(client, checker as unknown as Checker, tables);
    expect(checks.filter((check) => check.startsWith(`${ID} `))).toEqual([
      `${ID} (page 1)`,
      `${ID} (page 2)`,
      `${ID} (search)`,
    ]);
    expect(urls.filter((url) => url.includes(PATH))).toEqual([
      `${sdk.DEFAULT_BASE_URL}${PATH}?limit=3`,
      `${sdk.DEFAULT_BASE_URL}${PATH}?limit=3&cursor=eyJzZWFyY2giOjF9`,
      `${sdk.DEFAULT_BASE_URL}${PATH}?limit=3&query=olegp`,
    ]);
  });
});

describe('the gates: a new operation fails exactly those that name it', () => {
  const ru = DOCS_LANGUAGES.find((language) => language.code === 'ru')?.overlay ?? 'missing';

  it('fails the handler gate, the facts row and the Russian text, each naming only it', () => {
    // test/emulator/control.test.ts: every operation of the spec has a handler.
    expect(emulator.createEmulator({ users: 5 }).unimplemented).toEqual([ID]);
    // test/spec/operations.test.ts: the spec holds exactly the documented operations.
    const routes = ops.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(routes.filter((route) => !documentedRoutes().includes(route))).toEqual([`GET ${PATH}`]);
    expect(documentedRoutes().filter((route) => !routes.includes(route))).toEqual([]);
    // test/docs/ru-overlay.test.ts: every field of the English bundle has Russian text.
    // Dereferenced as `spec` is, so that the two have the same pointers.
    const russian = dereference(bundleSpec({ specRoot, overlays: [join(ROOT, ru)] }));
    const untranslated = translatableFields(spec).filter((field) => !isRussian(atPointer(russian, field.pointer)));
    expect(untranslated.length).toBeGreaterThan(0);
    expect(untranslated.filter((field) => !field.pointer.startsWith('/paths/~1search~1users/'))).toEqual([]);
  });

  it('passes the token table: each fixed token gets what the table says of a read with its own scope', async () => {
    const workspace = emulator.createEmulator({ users: 30 });
    for (const [token, expected] of Object.entries(EXPECTED)) {
      const { status, body } = await call(workspace, 'GET', requestOf(op).path, { ...requestOf(op), token });
      const want = expected(op);
      expect([status, body?.error], `${token}: ${JSON.stringify(body)}`).toEqual([want.status, want.error]);
    }
  });

  it('passes the not-implemented answer: a missing handler is listed beside the new operation', async () => {
    const { getTokenInfo: _, ...some } = handlers.HANDLERS;
    const without = engine.createEngine({ users: 5 }, { handlers: some });
    const pending = engine.createEngine({ users: 5 }, { handlers: handlers.HANDLERS }).unimplemented;
    expect(pending).toEqual([ID]);
    expect(without.unimplemented.filter((id) => !pending.includes(id))).toEqual(['getTokenInfo']);
  });

  it("passes the docs page: it checks the Russian summaries the overlay has, and leaves the rest to the text's gate", () => {
    const overlay = parse(readFileSync(join(ROOT, ru), 'utf8')) as Overlay;
    const translated = translatedSummaries(overlay, ops);
    expect(translated.has(ID)).toBe(false);
    expect([...translated].sort()).toEqual(
      specOperations()
        .map((o) => o.operationId)
        .sort(),
    );
  });
});

describe('the conventions a new operation must follow are checked by the generator', () => {
  it('rejects a paginated method whose every-page twin would take its own name, naming the fix', async () => {
    const renamed = ops.map((o) => (o === op ? { ...o, 'x-sdk-method': 'search.users' } : o));
    expect(conventionProblems(renamed)).toEqual([
      expect.stringMatching(/^searchUsers: .*search\.users.*search\.listUsers/),
    ]);
    // Through the generator itself: the same error, before anything is written.
    const bundled = structuredClone(spec);
    Object.assign(bundled.paths[PATH]?.get ?? {}, { 'x-sdk-method': 'search.users' });
    await expect(renderGenerated(specRoot, bundled)).rejects.toThrow(
      /searchUsers: x-sdk-method search\.users is paginated/,
    );
  });

  it('rejects a twin that collides with another method, and a list without lastPage/nextPage examples', () => {
    const { lastPage: _, ...onlyNext } = op.responses['200']?.content?.['application/json']?.examples ?? {};
    const withoutLast = structuredClone(op);
    Object.assign(withoutLast.responses['200']?.content?.['application/json'] ?? {}, { examples: onlyNext });
    const clash = {
      ...op,
      operationId: 'listAllSearchUsers',
      'x-paginated': undefined,
      'x-sdk-method': 'search.listAllUsers',
    };
    expect(conventionProblems([...ops.filter((o) => o !== op), withoutLast, clash])).toEqual([
      'searchUsers: its 200 response needs an example named lastPage: a page that ends the list (`has_next: false`)',
      "listAllSearchUsers: the SDK method search.listAllUsers is also searchUsers's: give one of them another name",
    ]);
  });
});
