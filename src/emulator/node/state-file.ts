// `--state FILE`: the workspace loaded from FILE at start and written back after every change.
// Writes are atomic (a temporary file beside it, then a rename), so a crash mid-write leaves the
// previous state; a file that does not load stops the start and is never overwritten.
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Emulator } from '../types.js';
import { UserFacingError } from './user-facing-error.js';

export interface StateFile {
  /** Resolves once the latest change is on disk. */
  flush(): Promise<void>;
  /** Stops saving (after a final flush). */
  close(): Promise<void>;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/** Loads FILE into the emulator (or creates it from the seed) and keeps it up to date. */
export async function attachStateFile(
  emulator: Emulator,
  file: string,
  log: (line: string) => void,
): Promise<StateFile> {
  if (existsSync(file)) {
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
      emulator.importState(document);
    } catch (error) {
      throw new UserFacingError(
        `--state ${file} cannot be loaded: ${(error as Error).message}. The file is left as it is; fix it, or remove it to start from the seed`,
      );
    }
  } else {
    try {
      await writeAtomically(file, JSON.stringify(emulator.exportState()));
    } catch (error) {
      throw new UserFacingError(`--state ${file} cannot be created: ${(error as Error).message}`);
    }
  }

  // Changes come in bursts: one write at a time, and the state is read when a write starts, so a
  // burst of changes costs one export and one write instead of one per change.
  let pending = false;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;
  const drain = async () => {
    while (pending) {
      pending = false;
      try {
        await writeAtomically(file, JSON.stringify(emulator.exportState()));
      } catch (error) {
        log(`emulator: could not save the state to ${file}: ${(error as Error).message}`);
      }
    }
  };
  const unsubscribe = emulator.onChange(() => {
    if (closed) return;
    const idle = !pending;
    pending = true;
    if (idle) writing = writing.then(drain);
  });
  const flush = () => writing;
  return {
    flush,
    close: async () => {
      closed = true;
      unsubscribe();
      await flush();
    },
  };
}
