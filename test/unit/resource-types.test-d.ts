// Type-level contract of the resource methods. Never run: `tsc --noEmit` in npm test checks it, and
// a wrong type or an unused @ts-expect-error fails the typecheck.
import { expectTypeOf } from 'vitest';
import { Pachca, type Page, type PagePromise, type components } from '../../src/index.js';

type S = components['schemas'];
const client = new Pachca({ token: 'type-test', baseUrl: 'http://127.0.0.1:9' });

// Unwraps single objects and keeps nullable fields nullable.
expectTypeOf(client.users.get).returns.resolves.toEqualTypeOf<S['User']>();
expectTypeOf<S['User']['first_name']>().toEqualTypeOf<string | null>();
expectTypeOf(client.profile.getStatus).returns.resolves.toEqualTypeOf<S['UserStatus'] | null>();
expectTypeOf(client.users.getStatus).returns.resolves.toEqualTypeOf<S['UserStatus'] | null>();
expectTypeOf(client.users.delete).returns.resolves.toEqualTypeOf<void>();
expectTypeOf(client.customProperties.list).returns.resolves.toEqualTypeOf<S['CustomPropertyDefinition'][]>();

// Returns pages for lists and arrays for listAll.
expectTypeOf(client.groupTags.list).returns.toMatchTypeOf<PagePromise<S['GroupTag'], S['PaginationMeta']>>();
expectTypeOf(client.groupTags.list).returns.resolves.toMatchTypeOf<Page<S['GroupTag'], S['PaginationMeta']>>();
expectTypeOf(client.users.listAll).returns.resolves.toEqualTypeOf<S['User'][]>();
expectTypeOf(client.groupTags.listAllUsers).parameter(0).toEqualTypeOf<number>();

// Takes the API names and the spec request bodies.
expectTypeOf(client.groupTags.list)
  .parameter(0)
  .toEqualTypeOf<{ names?: string[]; limit?: number; cursor?: string } | undefined>();
expectTypeOf(client.profile.updateStatus).parameter(0).toEqualTypeOf<S['StatusInput']>();
expectTypeOf(client.users.create).parameter(0).toEqualTypeOf<S['UserCreateRequest']>();
expectTypeOf(client.users.updateAvatar).parameter(1).toEqualTypeOf<Blob | Uint8Array | ArrayBuffer | string>();
// @ts-expect-error a user cannot become a guest through an update
void (() => client.users.update(1, { user: { role: 'guest' } }));
// @ts-expect-error email is required on create
void (() => client.users.create({ user: { first_name: 'Ivan' } }));
// @ts-expect-error entity_type is required
void (() => client.customProperties.list());
