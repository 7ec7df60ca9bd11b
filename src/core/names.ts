// How the spec's names reach the wire, shared by the SDK, the CLI, the MSW handlers, the
// generators and the tests: array query parameters and path templates.

/**
 * The name callers and CLI flags use for a query parameter: its wire name without the Rails-style
 * `[]` that marks an array (`names[]` is written `names`).
 */
export const sdkQueryName = (wireName: string): string => wireName.replace(/\[\]$/, '');

/** `sdkQueryName` for types: the query parameters of a spec operation as callers write them. */
export type SdkQuery<Q> = { [P in keyof Q as P extends `${infer N}[]` ? N : P]: Q[P] };

/** A `{name}` in a path template such as `/users/{id}`. */
const PATH_PARAM = /\{(\w+)\}/g;

/** The `{names}` of a path template, in order. */
export const pathParams = (template: string): string[] => Array.from(template.matchAll(PATH_PARAM), (match) => match[1]!);

/** The template with each `{name}` replaced by `value(name)`. */
export const fillPath = (template: string, value: (name: string) => string): string =>
  template.replace(PATH_PARAM, (_, name: string) => value(name));

/**
 * Matches the paths of a template, each `{name}` standing for `param` (a regex source). Spec paths
 * are letters, `_`, `/` and `{params}`: nothing else needs escaping.
 */
export const pathPattern = (template: string, param = '[^/]+'): RegExp => new RegExp(`^${fillPath(template, () => param)}$`);
