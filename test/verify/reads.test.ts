// The live check's reads come from the generated tables: every GET is planned, in an order where
// each id is listed before it is needed, and a GET that cannot be planned fails with its name.
import { describe, expect, it } from 'vitest';
import { cliCommands } from '../../generated/cli-commands.js';
import { operations } from '../../generated/operations.js';
import { PAGE_SIZE, readPlan, UnderivableReadError } from '../../scripts/lib/verify/reads.js';
import type { CliCommandSpec } from '../../src/cli/command-spec.js';

const gets = Object.entries(operations).filter(([, op]) => op.route.startsWith('GET '));

describe('readPlan', () => {
  it('plans every GET of the operation table, each list before the operations it gives ids to', () => {
    const plan = readPlan(operations, cliCommands);
    expect(plan.map((read) => read.operationId).sort()).toEqual(gets.map(([id]) => id).sort());
    plan.forEach((read, index) => {
      for (const { list } of read.pathFrom)
        expect(plan.findIndex((other) => other.operationId === list)).toBeLessThan(index);
    });
  });

  it('fills path ids from the list above, limit with a small page, and a required enum once per value', () => {
    const plan = readPlan(operations, cliCommands);
    const byId = (id: string) => plan.find((read) => read.operationId === id);
    expect(byId('getUserStatus')?.pathFrom).toEqual([{ name: 'user_id', list: 'listUsers' }]);
    expect(byId('listUsers')).toMatchObject({
      paginated: true,
      calls: [{ query: { limit: PAGE_SIZE } }],
      search: 'query',
    });
    expect(byId('listCustomProperties')?.calls).toEqual([
      { label: 'entity_type=User', query: { entity_type: 'User' } },
      { label: 'entity_type=Task', query: { entity_type: 'Task' } },
    ]);
  });

  it('names a GET whose id no list provides, and one with a required parameter it cannot fill', () => {
    const command = (operationId: string, options: CliCommandSpec['options'] = []) =>
      ({ ...cliCommands[0], operationId, options }) as CliCommandSpec;
    const table = {
      ...operations,
      getChatMember: { route: 'GET /chats/{id}/members/{user_id}', sdk: 'chats.getMember', success: 200 },
      searchMessages: { route: 'GET /search/messages', sdk: 'search.listMessages', query: ['text'], success: 200 },
    } as const;
    const text = { flag: 'text', in: 'query', target: ['text'], type: 'string', required: true, description: '' };
    const commands = [...cliCommands, command('getChatMember'), command('searchMessages', [text as never])];
    expect(() => readPlan(table, commands)).toThrow(UnderivableReadError);
    expect(() => readPlan(table, commands)).toThrow(
      /getChatMember: \{id\} is filled with the id of the first item GET \/chats lists/,
    );
    expect(() => readPlan(table, commands)).toThrow(
      /searchMessages: the live check cannot fill its required query parameter text/,
    );
  });
});
