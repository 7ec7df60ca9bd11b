// The seeded workspace: the same seed gives the same workspace, in Node and in browsers. The first
// users are the spec's example users (Oleg Petrov, id 12, the owner; anna, id 13), so the docs'
// examples and the README's quickstart stay true; then one fixed user per token; then generated
// people in the proportions of a real workspace.
import * as pools from '../../generated/emulator-pools.js';
import { Random } from './random.js';
import { seededAvatarPath } from './seeded-avatars.js';
import { TOKENS } from './tokens.js';
import { latinSlug } from './translit.js';
import { blankUser } from './workspace.js';
import type { StoredCustomProperty, StoredStatus, StoredUser, WorkspaceState } from './types.js';

export const DEFAULT_USERS = 120;
export const MAX_USERS = 10_000;
export const FIRST_USER_ID = 12;
export const FIRST_GROUP_TAG_ID = 9111;

const DOMAIN = 'example.com';
/** The owner's avatar colour (a blue): the fixed users do not depend on the seed. */
const OWNER_HUE = 210;
const TIME_ZONES = [
  'Europe/Moscow',
  'Europe/Moscow',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Novosibirsk',
  'Europe/Kaliningrad',
  'Asia/Vladivostok',
];
/** Task fields: the spec lists no Task properties, so these few stand for a typical tracker. */
const TASK_PROPERTIES: StoredCustomProperty[] = [
  { id: 2101, entity_type: 'Task', name: 'Priority', data_type: 'string' },
  { id: 2102, entity_type: 'Task', name: 'Estimate, hours', data_type: 'number' },
  { id: 2103, entity_type: 'Task', name: 'Due date', data_type: 'date' },
  { id: 2104, entity_type: 'Task', name: 'Ticket', data_type: 'link' },
];

/** Integrations a workspace typically has as bots. */
const BOT_NAMES = [
  'Jira',
  'GitLab',
  'Sentry',
  'Grafana',
  'Reminder',
  'Onboarding',
  'Calendar',
  'Standup',
  'Zabbix',
  'CRM',
];

/** How many group tags a person has: mostly one or two. */
const TAGS_PER_USER = [0, 0, 1, 1, 1, 1, 2, 2, 3];

type Kind = 'admin' | 'user' | 'multi_guest' | 'guest' | 'bot' | 'invited' | 'suspended';
/** Share of each kind among the generated users. */
const KINDS: Record<Kind, number> = {
  admin: 4,
  user: 68,
  multi_guest: 5,
  guest: 4,
  bot: 4,
  invited: 8,
  suspended: 7,
};

const DAY = 86_400_000;
/** Seeded statuses that expire do so before this, or after the other: the seed needs no clock. */
const EXPIRED_BEFORE = Date.parse('2025-01-01T00:00:00Z');
const LASTING_AFTER = Date.parse('2030-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** A time range, parsed once: the seed draws thousands of times from each. */
const range = (from: string, to: string) => [Date.parse(from) / 1000, Date.parse(to) / 1000] as const;
const BIRTH_DATES = range('1975-01-01', '2025-06-01');
const JOINED = range('2019-01-01', '2025-09-01');
const LAST_ACTIVE = range('2025-10-01', '2025-12-01');
/** A whole second in the range, as ms. */
const between = (random: Random, [from, to]: readonly [number, number]) =>
  Math.floor(from + random.next() * (to - from)) * 1000;

/** The base of a seeded user record: everything unset, a confirmed member invited by the owner. */
const seedUser = (id: number): StoredUser =>
  blankUser({ id, invite_status: 'confirmed', inviter_id: FIRST_USER_ID, created_at: '2021-02-01T08:00:00.000Z' });

const tagIdOf = (name: string) => FIRST_GROUP_TAG_ID + (pools.groupTagNames as readonly string[]).indexOf(name);

/** The spec's example users and one fixed user for each token, ids 12 to 16. */
function fixedUsers(): StoredUser[] {
  return [
    {
      ...seedUser(12),
      first_name: 'Oleg',
      last_name: 'Petrov',
      nickname: 'olegp',
      email: 'olegp@example.com',
      phone_number: '+79001234567',
      department: 'Product',
      title: 'CIO',
      role: 'admin',
      inviter_id: null,
      group_tag_ids: [tagIdOf('Product'), tagIdOf('Design')],
      custom_properties: [{ id: 1678, value: 'Saint Petersburg' }],
      status: {
        emoji: '🎮',
        title: 'Very busy',
        expires_at: '2024-04-08T10:00:00.000Z',
        is_away: false,
        away_message: 'On vacation until April 15. For urgent matters contact @ivanov.',
      },
      created_at: '2020-06-08T09:32:57.000Z',
      last_activity_at: '2025-01-20T13:40:07.000Z',
      time_zone: 'Europe/Moscow',
      image_url: seededAvatarPath(12, OWNER_HUE),
    },
    {
      ...seedUser(13),
      first_name: 'Anna',
      last_name: '',
      nickname: 'anna',
      email: 'anna@example.com',
      department: '',
      sso: true,
      status: { emoji: '🏖️', title: 'On vacation', expires_at: null, is_away: true, away_message: null },
    },
    {
      ...seedUser(14),
      first_name: 'Мария',
      last_name: 'Смирнова',
      nickname: 'msmirnova',
      email: 'maria.smirnova@example.com',
      phone_number: '+79001234568',
      department: 'People',
      title: 'HR director',
      role: 'admin',
      group_tag_ids: [tagIdOf('Managers'), tagIdOf('Moscow office')],
      created_at: '2020-07-01T09:00:00.000Z',
      last_activity_at: '2025-11-20T10:00:00.000Z',
      time_zone: 'Europe/Moscow',
    },
    {
      ...seedUser(15),
      first_name: 'Deploy',
      last_name: '',
      nickname: 'deploy_bot',
      bot: true,
      created_at: '2024-02-14T08:00:00.000Z',
    },
    {
      ...seedUser(16),
      first_name: 'Кирилл',
      last_name: 'Гостев',
      nickname: 'kgostev',
      email: 'kirill.gostev@example.com',
      role: 'guest',
      created_at: '2025-03-03T12:00:00.000Z',
      last_activity_at: '2025-11-01T15:30:00.000Z',
    },
  ];
}

/** Makes each generated nickname and email unique with a number, as a workspace would. */
class UniqueNames {
  private readonly taken = new Set<string>(['olegp', 'anna', 'msmirnova', 'deploy_bot', 'kgostev']);
  /** The next number to try per base name: a common name would otherwise retry every number before. */
  private readonly next = new Map<string, number>();

  claim(base: string): string {
    let n = this.next.get(base) ?? 1;
    let name = n === 1 ? base : `${base}${n}`;
    while (this.taken.has(name)) name = `${base}${++n}`;
    this.next.set(base, n + 1);
    this.taken.add(name);
    return name;
  }
}

function randomStatus(random: Random): StoredStatus | null {
  const kind = random.weighted({ none: 60, lasting: 15, later: 15, expired: 10 });
  if (kind === 'none') return null;
  const expires_at =
    kind === 'lasting'
      ? null
      : kind === 'later'
        ? iso(LASTING_AFTER + random.int(0, 400) * DAY)
        : iso(EXPIRED_BEFORE - random.int(1, 700) * DAY);
  const is_away = random.chance(0.4);
  return {
    emoji: random.pick(pools.statusEmoji),
    title: random.pick(pools.statusTitles),
    expires_at,
    is_away,
    away_message: is_away && random.chance(0.7) ? random.pick(pools.awayMessages) : null,
  };
}

function propertyValue(random: Random, property: StoredCustomProperty, nickname: string): string | null {
  if (random.chance(0.1)) return null;
  switch (property.data_type) {
    case 'string':
      return random.pick(pools.cities);
    case 'number':
      return String(random.int(1000, 9999));
    case 'date':
      return iso(between(random, BIRTH_DATES)).slice(0, 10);
    case 'link':
      return `https://${DOMAIN}/${nickname}`;
  }
}

function generatedUser(
  id: number,
  random: Random,
  names: UniqueNames,
  userProperties: StoredCustomProperty[],
): StoredUser {
  const kind = random.weighted(KINDS);
  const female = random.chance(0.5);
  const latin = random.chance(0.15);
  const first = latin
    ? random.pick(female ? pools.enFemaleFirstNames : pools.enMaleFirstNames)
    : random.pick(female ? pools.ruFemaleFirstNames : pools.ruMaleFirstNames);
  const last = latin
    ? random.pick(pools.enLastNames)
    : random.pick(female ? pools.ruFemaleLastNames : pools.ruMaleLastNames);
  const [firstSlug, lastSlug] = [latinSlug(first), latinSlug(last)];
  const botName = random.pick(BOT_NAMES);
  const nickname =
    kind === 'bot' ? names.claim(`${latinSlug(botName)}_bot`) : names.claim(`${firstSlug}${lastSlug[0] ?? ''}`);
  const email = kind === 'bot' ? null : `${names.claim(`${firstSlug}.${lastSlug}`)}@${DOMAIN}`;
  const created = between(random, JOINED);
  const invited = kind === 'invited';
  const user: StoredUser = {
    ...seedUser(id),
    first_name: invited ? null : kind === 'bot' ? botName : first,
    last_name: invited ? null : kind === 'bot' ? '' : last,
    nickname: invited ? '' : nickname,
    email,
    phone_number:
      kind === 'bot' || random.chance(0.2) ? null : `+79${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
    department: kind === 'bot' ? null : random.chance(0.1) ? '' : random.pick(pools.departments as readonly string[]),
    title: kind === 'bot' ? null : random.chance(0.1) ? null : random.pick(pools.jobTitles),
    role: kind === 'admin' || kind === 'multi_guest' || kind === 'guest' ? kind : 'user',
    suspended: kind === 'suspended',
    invite_status: invited ? 'sent' : 'confirmed',
    inviter_id: random.chance(0.8) ? FIRST_USER_ID : FIRST_USER_ID + 2,
    bot: kind === 'bot',
    sso: !invited && random.chance(0.25),
    created_at: iso(created),
    last_activity_at: invited || random.chance(0.05) ? null : iso(between(random, LAST_ACTIVE)),
    time_zone: invited || random.chance(0.1) ? null : random.pick(TIME_ZONES),
    image_url: !invited && random.chance(0.3) ? seededAvatarPath(id, random.int(0, 359)) : null,
  };
  if (kind !== 'bot' && kind !== 'guest') {
    const tags = random.sample(pools.groupTagNames, random.pick(TAGS_PER_USER));
    user.group_tag_ids = tags.map(tagIdOf);
  }
  if (!invited && kind !== 'bot') {
    user.custom_properties = random
      .sample(userProperties, random.int(0, userProperties.length))
      .map((property) => ({ id: property.id, value: propertyValue(random, property, nickname) }));
    user.status = randomStatus(random);
  }
  return user;
}

export function seedWorkspace(seed: number, userCount: number): WorkspaceState {
  const random = new Random(seed * 2654435761);
  const userProperties: StoredCustomProperty[] = pools.userCustomProperties.map(({ id, name, data_type }) => ({
    id,
    entity_type: 'User',
    name,
    data_type,
  }));
  const names = new UniqueNames();
  const users = fixedUsers().slice(0, userCount);
  for (let id = FIRST_USER_ID + users.length; users.length < userCount; id++) {
    users.push(generatedUser(id, random, names, userProperties));
  }
  return {
    version: 1,
    owner_id: FIRST_USER_ID,
    next_user_id: FIRST_USER_ID + users.length,
    next_group_tag_id: FIRST_GROUP_TAG_ID + pools.groupTagNames.length,
    tokens: Object.fromEntries(Object.entries(TOKENS).map(([token, { userId }]) => [token, userId])),
    users,
    group_tags: pools.groupTagNames.map((name, i) => ({ id: FIRST_GROUP_TAG_ID + i, name })),
    custom_properties: [...userProperties, ...TASK_PROPERTIES],
    avatars: [],
  };
}
