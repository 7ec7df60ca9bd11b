// How the spec's names reach the wire, shared by the SDK, the CLI, the MSW handlers, the
// generators and the tests: array query parameters and path templates.

/**
 * The name callers and CLI flags use for a query parameter: its wire name without the Rails-style
 * `[]` that marks an array (`names[]` is written `names`).
 */
export const sdkQueryName = (wireName: string): string => wireName.replace(/\[\]$/, '');

/** `sdkQueryName` for types: the query parameters of a spec operation as callers write them. */
export type SdkQuery<Q> = { [P in keyof Q as P extends `${infer N}[]` ? N : P]: Q[P] };

/**
 * A `{name}` in a path template such as `/users/{id}`; its group is the name. Callers fill paths
 * with `template.replace(PATH_PARAM, …)` directly: a wrapper would cost the browser bundle bytes.
 */
export const PATH_PARAM = /\{(\w+)\}/g;

/** The `{names}` of a path template, in order. */
export const pathParams = (template: string): string[] =>
  (template.match(PATH_PARAM) ?? []).map((param) => param.slice(1, -1));

/**
 * Matches the paths of a template, each `{name}` standing for `param` (a regex source). Spec paths
 * are letters, `_`, `/` and `{params}`: nothing else needs escaping.
 */
export const pathPattern = (template: string, param = '[^/]+'): RegExp =>
  new RegExp(`^${template.replace(PATH_PARAM, param)}$`);
