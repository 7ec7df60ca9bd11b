// Latin spellings of Cyrillic names, for seeded emails and nicknames (a simplified form of the
// Russian passport transliteration).

const TABLE: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

const slugs = new Map<string, string>();

/** Lower-case ASCII letters and digits only: `Алёна` → `alena`, `O'Brien` → `obrien`. */
export function latinSlug(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = Array.from(name.toLowerCase(), (char) => TABLE[char] ?? char)
      .join('')
      .replace(/[^a-z0-9]/g, '');
    slugs.set(name, slug);
  }
  return slug;
}
