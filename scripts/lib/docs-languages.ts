// The languages the API docs are published in. English is the spec's own text; another language is
// an OpenAPI Overlay that replaces the bundle's prose and nothing else, so every page documents the
// same operations, with the same anchors and code.
import { posix } from 'node:path';

export type LanguageCode = 'en' | 'ru';

export interface DocsLanguage {
  /** BCP 47 code, set as the page's `<html lang>`. */
  code: LanguageCode;
  /** The language's own name: what the link to its page reads. */
  name: string;
  /** Overlay applied to the bundle (relative to the repository root); none for English. */
  overlay?: string;
  /** Folder of its page under dist/docs/: '' for dist/docs/index.html. */
  dir: string;
  /** Base name of its bundled spec in dist/: `openapi` is dist/openapi.json and dist/openapi.yaml. */
  bundle: string;
}

export const DOCS_LANGUAGES: readonly DocsLanguage[] = [
  { code: 'en', name: 'English', dir: '', bundle: 'openapi' },
  { code: 'ru', name: 'Русский', overlay: 'openapi/overlays/ru.yaml', dir: 'ru', bundle: 'openapi.ru' },
];

/** Where a language's page sits under dist/ and under the docs server: `docs/ru/`. */
export const pagePath = (language: DocsLanguage) => posix.join('docs', language.dir, '/');

/** The URL of `to`'s page relative to `from`'s: `ru/` from the English page, `../` back. */
export const relativePage = (from: DocsLanguage, to: DocsLanguage) =>
  `${posix.relative(pagePath(from), pagePath(to)) || '.'}/`;

/** A file in dist/ (such as the bundled spec) relative to a language's page: `../../openapi.ru.yaml`. */
export const fromPage = (language: DocsLanguage, file: string) =>
  posix.join(posix.relative(pagePath(language), ''), file);
