// Finds the operation of a request in the generated tables (generated/msw.ts: route, scope, body
// checks, examples): no route is written by hand, so a new operation of the spec is routed at once.
import { mswOperations } from '../../generated/msw.js';
import type { MswRow } from '../msw/row.js';
import { pathParams, pathPattern } from '../core/names.js';
import { json } from './responses.js';

/** A row of the table with its route parsed: the method, the template and the pattern it matches. */
export interface OperationRoute extends Omit<MswRow, 'route'> {
  operationId: string;
  method: string;
  template: string;
  params: string[];
  pattern: RegExp;
}

export const ROUTES: readonly OperationRoute[] = Object.entries(mswOperations as Readonly<Record<string, MswRow>>).map(
  ([operationId, row]) => {
    const [method, template] = row.route.split(' ') as [string, string];
    return {
      operationId,
      method,
      template,
      params: pathParams(template),
      // An id is digits; anything else in its place is not a path of the API.
      pattern: pathPattern(template, '(\\d{1,9})'),
      success: row.success,
      json: row.json,
      multipart: row.multipart,
      responses: row.responses,
    };
  },
);

export type RouteMatch = { route: OperationRoute; params: Record<string, number> } | { allowed: string[] } | undefined;

/** The operation at `method path`, the methods the path has when the method is wrong, or undefined. */
export function matchRoute(method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params = Object.fromEntries(route.params.map((name, i) => [name, Number(match[i + 1])]));
    return { route, params };
  }
  return allowed.length ? { allowed } : undefined;
}

/** The answer of an operation without a handler: its first success example. */
export function exampleAnswer(route: OperationRoute): Response {
  const declared = route.responses[route.success];
  const example = Object.values(declared?.examples ?? {})[0];
  return route.success === 204 || example === undefined
    ? new Response(null, { status: route.success })
    : json(route.success, example);
}
