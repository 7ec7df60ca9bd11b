// Seeded users' avatars: the emulator draws them itself, so an <img> shows them offline. Each is a
// small SVG with the user's initials on a colour the seed picked; the colour is in the file name
// (`seed-<user id>-<hue>.svg`) and the initials come from the user, so the workspace stores no
// bytes for them. A file is served while its user's image_url still points at it.
import type { StoredUser } from './types.js';
import type { Avatar, Workspace } from './workspace.js';
import { AVATAR_PATH } from './workspace.js';

const FILE = /^seed-(\d{1,9})-(\d{1,3})\.svg$/;

/** The image_url a seeded user with an avatar starts with: a path the view resolves. */
export const seededAvatarPath = (userId: number, hue: number): string => `${AVATAR_PATH}seed-${userId}-${hue}.svg`;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);

/** The first letter of the first and the last name (a whole character, emoji included), else of the nickname. */
export function initials(user: Pick<StoredUser, 'first_name' | 'last_name' | 'nickname'>): string {
  const first = (text: string | null) => Array.from(text?.trim() ?? '')[0] ?? '';
  const letters = first(user.first_name) + first(user.last_name) || first(user.nickname);
  return letters.toLocaleUpperCase() || '?';
}

/** A 128×128 SVG: white initials centred on a square of the hue (clients crop avatars as they like). */
export function avatarSvg(text: string, hue: number): string {
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">' +
    `<rect width="128" height="128" fill="hsl(${hue}, 55%, 45%)"/>` +
    '<text x="64" y="64" dy="0.35em" text-anchor="middle" fill="#fff" ' +
    `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="52">${escapeXml(text)}</text>` +
    '</svg>'
  );
}

/** The seeded avatar a file name stands for, or undefined when no user's image_url points at it. */
export function seededAvatar(workspace: Workspace, file: string): Avatar | undefined {
  const [, id, hue] = FILE.exec(file) ?? [];
  if (id === undefined || hue === undefined || Number(hue) > 359) return undefined;
  const user = workspace.users.get(Number(id));
  if (!user?.image_url?.endsWith(`${AVATAR_PATH}${file}`)) return undefined;
  return { contentType: 'image/svg+xml', bytes: new TextEncoder().encode(avatarSvg(initials(user), Number(hue))) };
}
