// The README's Storybook example: stories that start from a saved workspace (workspace.json, saved
// with `curl $E/state` or `workspace.state()`), served by msw-storybook-addon from
// `parameters.msw.handlers`. test/msw/readme-examples.test.ts runs its hooks under setupServer.
import { createWorkspace } from 'pachca-sdk/msw';
import snapshot from './workspace.json' with { type: 'json' };

const workspace = createWorkspace();

export default {
  title: 'Users/List',
  // component: UserList, — the component that lists users through the SDK
  parameters: { msw: { handlers: workspace.handlers } },
};

/** The list as the saved workspace has it: each story starts from the same snapshot. */
export const Saved = {
  beforeEach: () => workspace.load(snapshot),
};

/** The same workspace while the API fails: the next three user lists answer 503. */
export const ServerDown = {
  beforeEach: () => {
    workspace.load(snapshot);
    workspace.faults.next('listUsers', { status: 503, times: 3 });
    return () => workspace.faults.clear();
  },
};
