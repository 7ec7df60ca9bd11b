// The API's documented operations, written out once, independently of the spec: the contract that
// test/spec/operations.test.ts holds the spec to (a new operation needs its row here).

// method, path, success status, declared error statuses and whether it is a cursor list, as the
// API documents them; and the SDK method each is published as, so that a spec edit that renames
// or drops one fails here.
export type Fact = [
  method: string,
  path: string,
  success: number,
  errors: number[],
  sdk: string,
  paginated?: 'paginated',
];
export const FACTS: Fact[] = [
  ['GET', '/profile', 200, [401, 403], 'profile.get'],
  ['GET', '/oauth/token/info', 200, [401], 'oauth.tokenInfo'],
  ['GET', '/custom_properties', 200, [400, 401, 402, 403, 422], 'customProperties.list'],
  ['PUT', '/profile/avatar', 200, [401, 402, 403, 422], 'profile.updateAvatar'],
  ['DELETE', '/profile/avatar', 204, [401, 402, 403], 'profile.deleteAvatar'],
  ['GET', '/profile/status', 200, [401, 403], 'profile.getStatus'],
  ['PUT', '/profile/status', 200, [400, 401, 403, 422], 'profile.updateStatus'],
  ['DELETE', '/profile/status', 204, [401, 403], 'profile.deleteStatus'],
  ['POST', '/group_tags', 201, [400, 401, 402, 403, 422], 'groupTags.create'],
  ['GET', '/group_tags', 200, [400, 401, 402, 403, 422], 'groupTags.list', 'paginated'],
  ['GET', '/group_tags/{id}', 200, [401, 402, 403, 404], 'groupTags.get'],
  ['PUT', '/group_tags/{id}', 200, [400, 401, 402, 403, 404, 422], 'groupTags.update'],
  ['DELETE', '/group_tags/{id}', 204, [401, 402, 403, 404], 'groupTags.delete'],
  ['GET', '/group_tags/{id}/users', 200, [400, 401, 402, 403, 404, 422], 'groupTags.listUsers', 'paginated'],
  ['POST', '/users', 201, [400, 401, 402, 403, 422], 'users.create'],
  ['GET', '/users', 200, [400, 401, 402, 403, 422], 'users.list', 'paginated'],
  ['GET', '/users/{id}', 200, [401, 402, 403, 404], 'users.get'],
  ['PUT', '/users/{id}', 200, [400, 401, 402, 403, 404, 422], 'users.update'],
  ['DELETE', '/users/{id}', 204, [401, 402, 403, 404], 'users.delete'],
  ['PUT', '/users/{user_id}/avatar', 200, [401, 402, 403, 404, 422], 'users.updateAvatar'],
  ['DELETE', '/users/{user_id}/avatar', 204, [401, 402, 403, 404], 'users.deleteAvatar'],
  ['GET', '/users/{user_id}/status', 200, [401, 403, 404], 'users.getStatus'],
  ['PUT', '/users/{user_id}/status', 200, [400, 401, 403, 404, 422], 'users.updateStatus'],
  ['DELETE', '/users/{user_id}/status', 204, [401, 403, 404], 'users.deleteStatus'],
];

/** `METHOD /path` of each documented operation. */
export const documentedRoutes = (): string[] => FACTS.map(([method, path]) => `${method} ${path}`);
