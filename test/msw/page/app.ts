// The page of the MSW browser test: the SDK in a browser, answered by `setupWorker(...handlers())`
// through MSW's service worker. No mock server runs, and chromium can reach nothing but this
// page's origin, so every answer comes from the worker. `runChecks()` returns what the calls
// resolved with (or how they failed) for the test to compare with the spec's examples.
// An app imports 'pachca-sdk' and 'pachca-sdk/msw'; this page imports the two entry points those
// names lead to, so that typechecking it does not depend on a built dist/.
import { setupWorker } from 'msw/browser';
import { Pachca, PachcaNotFoundError, PachcaValidationError } from '../../../src/index.js';
import { handlers, mock } from '../../../src/msw/index.js';

declare global {
  interface Window {
    runChecks(): Promise<unknown>;
  }
}

/** The smallest valid PNG (1×1). */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

const worker = setupWorker(...handlers());
const started = worker.start({
  quiet: true,
  onUnhandledRequest: 'error',
  serviceWorker: { url: '/mockServiceWorker.js' },
});

window.runChecks = async () => {
  await started;
  const client = new Pachca({ token: 'browser-token', maxRetries: 0, timeoutMs: 5_000 });

  const profile = await client.profile.get();
  const users: number[] = [];
  for await (const user of client.users.list({ limit: 2 })) users.push(user.id);
  const tag = await client.groupTags.create({ group_tag: { name: 'Backend' } });

  worker.use(mock.getUser({ status: 404 }));
  const notFound = await client.users.get(404404).then(
    () => 'resolved',
    (error: PachcaNotFoundError) => ({
      typed: error instanceof PachcaNotFoundError,
      status: error.status,
      body: error.body,
    }),
  );
  worker.resetHandlers();

  const invalid = await client.users.create({ user: { first_name: 'Ivan' } } as never).then(
    () => 'resolved',
    (error: PachcaValidationError) => ({
      typed: error instanceof PachcaValidationError,
      keys: error.errors.map((e) => e.key),
    }),
  );
  const avatar = await client.profile.updateAvatar(new Blob([PNG], { type: 'image/png' }));
  const deleted = await client.users.delete(12);

  return {
    controlled: navigator.serviceWorker.controller?.scriptURL,
    profile,
    users,
    tag,
    notFound,
    invalid,
    avatar,
    deleted: deleted === undefined ? 'undefined' : deleted,
  };
};
