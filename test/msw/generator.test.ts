// The generator of generated/msw.ts: a new operation in the spec gets its row (and so its handler
// and its mock function) with no other change, and a spec the mock could not honour fails the
// generation with a message naming what is missing.
import { describe, expect, it } from 'vitest';
import { bodyCheck, renderMswTable } from '../../scripts/lib/msw-table.js';
import type { Operation, Spec } from '../../scripts/lib/spec.js';

const spec = {
  servers: [{ url: 'https://api.example.com/v1' }],
  security: [{ bearerAuth: [] }],
  'x-statuses-of-every-operation': [429, 503],
  components: { headers: { RequestId: { schema: { type: 'string', example: 'req-every' } } } },
} as unknown as Spec;
const headers = { 'x-request-id': { schema: { type: 'string', example: 'req-42' } } };
const json = (schema: object, examples: object) => ({ 'application/json': { schema, examples } });

/** A made-up operation, shaped like the spec's own. */
function widgetOp(changes: Partial<Operation> = {}): Operation {
  return {
    summary: 'Create a widget',
    parameters: [],
    operationId: 'createWidget',
    path: '/widgets',
    method: 'post',
    requestBody: {
      required: true,
      content: json(
        {
          type: 'object',
          required: ['widget'],
          properties: { widget: { type: 'object', required: ['size'], properties: { size: { type: 'integer' } } } },
        },
        {},
      ),
    },
    responses: {
      '201': {
        description: 'Made.',
        headers,
        content: json({ type: 'object' }, { small: { value: { data: { id: 1, size: 2 } } } }),
      },
      '401': {
        description: 'No token.',
        headers,
        content: json({ type: 'object' }, { invalidToken: { value: { error: 'invalid_token' } } }),
      },
      '422': { description: 'Invalid.', headers, content: json({ type: 'object' }, {}) },
    } as Operation['responses'],
    ...changes,
  } as Operation;
}

describe('renderMswTable', () => {
  it('gives a new operation its row: route, success, token, body check, responses and examples', () => {
    const text = renderMswTable([widgetOp()], spec);
    const row = text.slice(text.indexOf('  createWidget: {'));
    expect(row).toContain("route: 'POST /widgets',");
    expect(row).toContain('success: 201,');
    expect(row).toContain('auth: true,');
    // One entry a line where the whole would pass 120 columns.
    expect(row).toContain(
      [
        '    json: {',
        "      type: 'object',",
        "      required: ['widget'],",
        "      properties: { widget: { type: 'object', required: ['size'], properties: { size: { type: 'integer' } } } },",
        '    },',
      ].join('\n'),
    );
    expect(row).toContain('201: { headers, examples: { small } },');
    expect(text).toContain("'x-request-id': 'req-42'");
    expect(text).toContain("export const defaultBaseUrl = 'https://api.example.com/v1';");
  });

  it('gives every operation the statuses the spec documents for all of them, in the API error shape', () => {
    const text = renderMswTable([widgetOp()], spec);
    expect(text).toContain('export const everyOperationStatuses = [429, 503] as const;');
    expect(text).toContain('429: { headers: rateLimitHeaders, examples: { error: error429 } },');
    expect(text).toContain('503: { headers: headers2, examples: { error: error503 } },');
    expect(text).toMatch(/'x-request-id': 'req-every',\s+'retry-after': '1'/);
    expect(text).toContain("message: 'Service Unavailable', code: 'service_unavailable'");
    for (const statuses of [undefined, [], [200], ['503']]) {
      expect(() =>
        renderMswTable([widgetOp()], { ...spec, 'x-statuses-of-every-operation': statuses } as unknown as Spec),
      ).toThrow("the spec's x-statuses-of-every-operation must list the error statuses every operation may answer");
    }
  });

  it('refuses a spec the mock could not answer as Prism does', () => {
    const without = (status: string) => {
      const op = widgetOp();
      delete op.responses[status];
      return op;
    };
    expect(() => renderMswTable([without('401')], spec)).toThrow(
      'createWidget requires a token but declares no 401 response',
    );
    expect(() => renderMswTable([without('422')], spec)).toThrow(
      'createWidget takes a json body but declares no 422 response',
    );
    const noRequestId = widgetOp();
    noRequestId.responses['201'] = { ...noRequestId.responses['201']!, headers: {} } as Operation['responses'][string];
    expect(() => renderMswTable([noRequestId], spec)).toThrow(
      'createWidget 201: the response needs an x-request-id header with an example',
    );
    const noExample = widgetOp();
    noExample.responses['201']!.content!['application/json']!.examples = {};
    expect(() => renderMswTable([noExample], spec)).toThrow('createWidget: the success response needs a named example');
  });

  it('refuses a request schema whose keywords the body check cannot read', () => {
    expect(() => bodyCheck({ type: 'object', properties: { a: { allOf: [] } } }, 'createWidget')).toThrow(
      'createWidget.a: the MSW body check cannot read allOf',
    );
    expect(bodyCheck({ type: 'string', format: 'binary' }, 'upload')).toEqual({});
    expect(bodyCheck({ oneOf: [{ type: 'string' }, { type: 'null' }] }, 'x')).toEqual({
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
  });
});
