// What may differ between the two transports' transcripts of one scenario, replaced by
// placeholders so the rest compares exactly: the ids of what the scenario created (the shared
// server has handed out more ids than a fresh workspace), the cursors that encode them, the times
// of the run, the origin of avatars' URLs and the names of uploaded ones. Seeded data and every
// other value stay.
import type { Exchange } from './transport.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CURSOR_KEYS = new Set(['next_page', 'prev_page']);
const isIdKey = (key: string) => key === 'id' || key.endsWith('_id');

/** The ids of the resources the scenario created, in order: each is `#1`, `#2`, … */
function createdIds(transcript: Exchange[]): Map<number, string> {
  const ids = new Map<number, string>();
  for (const { status, body } of transcript) {
    const id = (body as { data?: { id?: unknown } } | undefined)?.data?.id;
    if (status === 201 && typeof id === 'number' && !ids.has(id)) ids.set(id, `#${ids.size + 1}`);
  }
  return ids;
}

export function normalise(transcript: Exchange[], options: { baseUrl: string; since: number }): Exchange[] {
  const ids = createdIds(transcript);
  const avatars = `${options.baseUrl}/__emulator/avatars/`;
  const isRunTime = (value: string) =>
    ISO_TIME.test(value) && Date.parse(value) >= options.since - 60_000 && Date.parse(value) <= Date.now() + 60_000;

  const value = (key: string, item: unknown): unknown => {
    if (Array.isArray(item)) return item.map((element) => value(key, element));
    if (typeof item === 'number' && isIdKey(key)) return ids.get(item) ?? item;
    // An error names the id of the path it did not find as a string: `{key: 'id', value: '233'}`.
    if (typeof item === 'string' && key === 'value' && /^\d+$/.test(item)) return ids.get(Number(item)) ?? item;
    if (typeof item === 'string' && CURSOR_KEYS.has(key)) return '<cursor>';
    if (typeof item === 'string' && item.startsWith(avatars)) {
      const file = item.slice(avatars.length);
      return file.startsWith('seed-') ? `<base URL>/__emulator/avatars/${file}` : '<uploaded avatar>';
    }
    if (typeof item === 'string' && isRunTime(item)) return '<time of the run>';
    if (item && typeof item === 'object')
      return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, value(k, v)]));
    return item;
  };
  const request = (line: string) =>
    line
      .replace(/\/(\d+)(?=\/|\?|$)/g, (whole, id: string) => {
        const placeholder = ids.get(Number(id));
        return placeholder ? `/${placeholder}` : whole;
      })
      .replace(/cursor=[^&]+/, 'cursor=<cursor>');

  return transcript.map((exchange) => ({
    ...exchange,
    request: request(exchange.request),
    body: value('', exchange.body),
  }));
}
