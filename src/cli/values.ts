// Turns flag text into the values the API takes. Lists accept JSON (`'["Backend"]'`) or a comma
// list (`Backend,QA`); a list of `{"name": …}` objects (the seeds' `--list-tags` form) becomes
// the names. Bad input is a commander InvalidArgumentError: a usage error, exit code 2.
import { InvalidArgumentError } from 'commander';
import type { CliValueType } from './command-spec.js';

export function parseInteger(text: string): number {
  const value = Number(text.trim());
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value))
    throw new InvalidArgumentError(`expected an integer, got "${text}"`);
  return value;
}

function parseNumber(text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError(`expected a number, got "${text}"`);
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidArgumentError(`expected JSON, got "${text}"`);
  }
}

function listItems(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const value = parseJson(trimmed);
    if (!Array.isArray(value)) throw new InvalidArgumentError(`expected a JSON array, got "${text}"`);
    return value;
  }
  return trimmed
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function stringItem(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'number') return String(item);
  if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') {
    return (item as { name: string }).name;
  }
  throw new InvalidArgumentError(`expected a list of names, got ${JSON.stringify(item)}`);
}

function integerItem(item: unknown): number {
  if (typeof item === 'number' && Number.isSafeInteger(item)) return item;
  if (typeof item === 'string') return parseInteger(item);
  throw new InvalidArgumentError(`expected a list of integers, got ${JSON.stringify(item)}`);
}

/** The commander argument parser for a flag of this type (booleans take no value). */
export function parserFor(type: CliValueType): ((text: string) => unknown) | undefined {
  switch (type) {
    case 'integer':
      return parseInteger;
    case 'number':
      return parseNumber;
    case 'string[]':
      return (text) => listItems(text).map(stringItem);
    case 'integer[]':
      return (text) => listItems(text).map(integerItem);
    case 'json':
      return parseJson;
    default:
      return undefined;
  }
}

/** The placeholder shown in help: `--limit <integer>`, `--names <list>`. */
export function placeholderFor(type: CliValueType): string {
  switch (type) {
    case 'string[]':
    case 'integer[]':
      return '<list>';
    case 'json':
      return '<json>';
    case 'integer':
      return '<integer>';
    case 'number':
      return '<number>';
    default:
      return '<value>';
  }
}
