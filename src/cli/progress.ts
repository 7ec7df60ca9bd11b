// `--all` progress on stderr: one line rewritten in place on a terminal, a line per page in logs.
// Silent for a single page, so short lists print nothing extra.
import type { Output } from './io.js';

export interface Progress {
  page(pages: number, items: number): void;
  done(): void;
}

export function progressOn(stream: Output): Progress {
  let shown = false;
  return {
    page(pages, items) {
      if (pages < 2) return;
      const text = `Fetched ${pages} pages, ${items} items…`;
      if (stream.isTTY) stream.write(`\r\x1b[2K${text}`);
      else stream.write(`${text}\n`);
      shown = true;
    },
    done() {
      if (shown && stream.isTTY) stream.write('\r\x1b[2K');
    },
  };
}
