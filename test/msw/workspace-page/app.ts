// The page of the workspace browser test: the SDK in a browser, answered by a persisted
// pachca-sdk/msw workspace through MSW's service worker. No server but the page's own runs, so
// what survives a reload can only have come from sessionStorage. The test drives it through
// `window.workspacePage`. (As in ../page/app.ts, the entry points are imported by their source.)
import { setupWorker } from 'msw/browser';
import { Pachca } from '../../../src/index.js';
import { createWorkspace } from '../../../src/msw/index.js';

declare global {
  interface Window {
    workspacePage: typeof workspacePage;
  }
}

/** The smallest valid PNG (1×1). */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

const workspace = createWorkspace({ users: 30, seed: 1, persist: 'sessionStorage' });
const worker = setupWorker(...workspace.handlers);
const started = worker.start({
  quiet: true,
  onUnhandledRequest: 'error',
  serviceWorker: { url: '/mockServiceWorker.js' },
});
const client = new Pachca({ token: 'test-token', maxRetries: 0, timeoutMs: 5_000 });

const workspacePage = {
  /** Creates a user with an avatar; resolves with its id and image_url. */
  async createUser(email: string) {
    await started;
    const user = await client.users.create({ user: { email, first_name: 'Browser' }, skip_email_notify: true });
    const { image_url } = await client.users.updateAvatar(user.id, new Blob([PNG], { type: 'image/png' }));
    return { id: user.id, imageUrl: image_url };
  },
  /** The seeded image_url of the token's user (the workspace draws it). */
  async profileImageUrl() {
    await started;
    return (await client.profile.get()).image_url;
  },
  /** The ids of the users a search for `query` finds. */
  async findUsers(query: string) {
    await started;
    return (await client.users.listAll({ query })).map((user) => user.id);
  },
  /** The width an <img> of `url` loads with, or the error it fails with. */
  async imageWidth(url: string) {
    await started;
    const image = document.createElement('img');
    const loaded = new Promise<number | string>((resolve) => {
      image.onload = () => resolve(image.naturalWidth);
      image.onerror = () => resolve(`failed to load ${url}`);
    });
    image.src = url;
    document.body.append(image);
    return loaded;
  },
  reset: () => workspace.reset(),
  /** The sessionStorage keys pachca-sdk/msw wrote. */
  storedKeys: () => Object.keys(sessionStorage).filter((key) => key.startsWith('pachca-sdk/msw')),
  controlled: async () => {
    await started;
    return navigator.serviceWorker.controller?.scriptURL;
  },
};

window.workspacePage = workspacePage;
