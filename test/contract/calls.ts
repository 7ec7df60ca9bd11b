// How the contract tests call each operation through the SDK: one typed call per operationId,
// with arguments a real caller would pass. The types make tsc reject a stale signature; the
// contract test fails at runtime for any spec operation missing here. Everything else (which
// responses to ask Prism for, what to expect) comes from the spec.
import type { OperationId, Pachca, RequestOptions } from '../../src/index.js';

export type ContractCall = (client: Pachca, options: RequestOptions) => PromiseLike<unknown>;

/** The smallest valid PNG (1×1), so the avatar uploads carry real image bytes. */
export const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

const STATUS = {
  emoji: '🏖️',
  title: 'On vacation',
  expires_at: '2025-03-10T23:59:59.000Z',
  is_away: true,
  away_message: 'Back on March 11',
};

export const CONTRACT_CALLS: Record<OperationId, ContractCall> = {
  getProfile: (c, o) => c.profile.get(o),
  updateProfileAvatar: (c, o) => c.profile.updateAvatar(new File([PNG], 'me.png', { type: 'image/png' }), o),
  deleteProfileAvatar: (c, o) => c.profile.deleteAvatar(o),
  getProfileStatus: (c, o) => c.profile.getStatus(o),
  updateProfileStatus: (c, o) => c.profile.updateStatus(STATUS, o),
  deleteProfileStatus: (c, o) => c.profile.deleteStatus(o),
  getTokenInfo: (c, o) => c.oauth.tokenInfo(o),
  listCustomProperties: (c, o) => c.customProperties.list({ entity_type: 'User' }, o),
  listGroupTags: (c, o) => c.groupTags.list({ names: ['Backend', 'Design'], limit: 2 }, o),
  createGroupTag: (c, o) => c.groupTags.create({ group_tag: { name: 'Backend' } }, o),
  getGroupTag: (c, o) => c.groupTags.get(9111, o),
  updateGroupTag: (c, o) => c.groupTags.update(9111, { group_tag: { name: 'Platform' } }, o),
  deleteGroupTag: (c, o) => c.groupTags.delete(9111, o),
  listGroupTagUsers: (c, o) => c.groupTags.listUsers(9111, { limit: 10, cursor: 'eyJpZCI6MTg2fQ' }, o),
  listUsers: (c, o) => c.users.list({ query: 'ivan', limit: 20 }, o),
  createUser: (c, o) =>
    c.users.create(
      {
        user: {
          email: 'ivan.petrov@example.com',
          first_name: 'Ivan',
          last_name: 'Petrov',
          role: 'user',
          list_tags: ['Backend'],
          custom_properties: [{ id: 1678, value: 'Saint Petersburg' }],
        },
        skip_email_notify: true,
      },
      o,
    ),
  getUser: (c, o) => c.users.get(12, o),
  updateUser: (c, o) => c.users.update(12, { user: { department: 'Platform', role: 'multi_guest' } }, o),
  deleteUser: (c, o) => c.users.delete(186, o),
  updateUserAvatar: (c, o) => c.users.updateAvatar(186, PNG, o),
  deleteUserAvatar: (c, o) => c.users.deleteAvatar(186, o),
  getUserStatus: (c, o) => c.users.getStatus(186, o),
  updateUserStatus: (c, o) => c.users.updateStatus(186, { emoji: '🤒', title: 'Sick leave' }, o),
  deleteUserStatus: (c, o) => c.users.deleteStatus(186, o),
};

type ListOperationId = 'listGroupTags' | 'listGroupTagUsers' | 'listUsers';

/** The `listAll*` twin of every paginated operation: every page collected into one array. */
export const LIST_ALL_CALLS: Record<ListOperationId, ContractCall> = {
  listGroupTags: (c, o) => c.groupTags.listAll({ limit: 2 }, o),
  listGroupTagUsers: (c, o) => c.groupTags.listAllUsers(9111, { limit: 10 }, o),
  listUsers: (c, o) => c.users.listAll({ limit: 20 }, o),
};
