// `pachca guide [QUERY]`: the workflows of workflows.ts. Without a query, a list grouped by area;
// with one, every workflow whose id, titles (its own or its area's) or step texts hold all of the
// query's words (in English or Russian), shown in full. Commands and notes are not searched: they
// name other tasks in passing (`auth status` is not about statuses). `-o json|yaml|csv` prints the workflows as data.
import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { exampleText } from '../help-text.js';
import type { CliIo } from '../io.js';
import { print } from '../output.js';
import { viewFor } from '../view.js';
import { GUIDE_AREAS, type GuideArea, WORKFLOWS, type Workflow } from './workflows.js';

/** Lower case, and ё as е, as Russian is usually typed. */
const normal = (text: string) => text.toLowerCase().replace(/ё/g, 'е');

function searchText(workflow: Workflow): string {
  const area = GUIDE_AREAS[workflow.area];
  return normal(
    [
      workflow.id,
      workflow.title,
      workflow.title_ru,
      area.title,
      area.title_ru,
      ...workflow.steps.map((step) => step.text),
    ].join('\n'),
  );
}

/** The workflows a query asks for: the one with that id, else those holding every word of it. */
export function findWorkflows(query: string): Workflow[] {
  const words = normal(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...WORKFLOWS];
  const byId = WORKFLOWS.find((workflow) => workflow.id === words.join('-'));
  if (byId) return [byId];
  return WORKFLOWS.filter((workflow) => {
    const text = searchText(workflow);
    return words.every((word) => text.includes(word));
  });
}

/** Grouped by area, in the areas' order. */
function byArea(workflows: Workflow[]): [GuideArea, Workflow[]][] {
  return (Object.keys(GUIDE_AREAS) as GuideArea[])
    .map((area): [GuideArea, Workflow[]] => [area, workflows.filter((workflow) => workflow.area === area)])
    .filter(([, items]) => items.length > 0);
}

const titleOf = (item: { title: string; title_ru: string }) => `${item.title} · ${item.title_ru}`;

function listText(workflows: Workflow[]): string {
  const width = Math.max(...workflows.map((workflow) => workflow.id.length));
  const lines = ['Workflows: `pachca guide ID` shows one, `pachca guide WORDS` searches (English or Russian).', ''];
  for (const [area, items] of byArea(workflows)) {
    lines.push(titleOf(GUIDE_AREAS[area]));
    for (const workflow of items) lines.push(`  ${workflow.id.padEnd(width)}  ${titleOf(workflow)}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

function workflowText(workflow: Workflow): string {
  const lines = [`${titleOf(workflow)}  (pachca guide ${workflow.id})`];
  workflow.steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${step.text}:`, `     $ ${step.command}`);
  });
  if (workflow.note) lines.push(`  ${workflow.note}`);
  return lines.join('\n');
}

/** A workflow as data: its area's titles spelt out. */
const asData = (workflow: Workflow) => ({
  id: workflow.id,
  area: GUIDE_AREAS[workflow.area].title,
  area_ru: GUIDE_AREAS[workflow.area].title_ru,
  title: workflow.title,
  title_ru: workflow.title_ru,
  steps: workflow.steps,
  note: workflow.note ?? null,
});

async function guide(words: string[], globals: GlobalOptions, io: CliIo): Promise<void> {
  const query = words.join(' ');
  const found = findWorkflows(query);
  const view = viewFor(globals, io);
  if (found.length === 0) {
    io.stderr.write(`No workflow matches "${query}": \`pachca guide\` lists them all.\n`);
  }
  if (view.format !== 'table') {
    await print({ kind: 'list', items: byArea(found).flatMap(([, items]) => items.map(asData)) }, view, io.stdout);
    return;
  }
  if (found.length === 0) return;
  const text = query.trim() ? found.map(workflowText).join('\n\n') : listText(found);
  io.stdout.write(`${text}\n`);
}

export function addGuideCommand(program: Command, io: CliIo): void {
  program
    .command('guide')
    .summary('Step-by-step workflows: list them, or search by words in English or Russian')
    .description(
      'Without a query, lists the workflows grouped by area. With one, shows in full each workflow whose id, title\n' +
        'or steps hold all of its words, in English or Russian. Values in angle brackets are yours to fill in.',
    )
    .argument('[query...]', 'a workflow id, or words to search for')
    .addHelpText(
      'after',
      exampleText('pachca guide\npachca guide offboard\npachca guide статус\npachca guide status -o json'),
    )
    .action((words: string[], _options, command: Command) =>
      guide(words, command.optsWithGlobals<GlobalOptions>(), io),
    );
}
