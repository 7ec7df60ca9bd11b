// `--state FILE`, kept the way a database keeps its data: FILE is a snapshot (the same JSON
// document as GET /__emulator/state, so a file saved by hand or by an older version loads), and
// FILE.journal beside it holds every change since, one JSON line per write (the records it set,
// as `onChange` reports them). A write is acknowledged once its line is fsynced; lines that arrive
// while one fsync runs share the next one (group commit), so a write costs one append, never an
// export of the whole workspace. The start replays the journal over the snapshot; compaction
// (at the start, at close, and when the journal outgrows the snapshot) writes a new snapshot to a
// temporary file, fsyncs it, renames it over FILE, fsyncs the directory, and only then empties
// the journal. Replaying a change twice gives the same state, so a crash between the rename and
// the emptying loses nothing and breaks nothing.
import { type FileHandle, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StateReplay } from '../changes.js';
import { type Emulator, EmulatorStateError, type WorkspaceState } from '../index.js';
import { checkState } from '../state-document.js';
import { UserFacingError } from './user-facing-error.js';

export interface StateStore {
  /** Resolves once every change made so far is durable (fsynced); rejects if it cannot be saved. */
  flush(): Promise<void>;
  /** Saves everything into a new snapshot and stops; the journal file is removed. Idempotent. */
  close(): Promise<void>;
}

/** The state file or its journal cannot be used: the start stops with this message, files untouched. */
export class StateFileError extends UserFacingError {
  override readonly name = 'StateFileError';
}

export interface StateStoreOptions {
  /** The journal is folded into the snapshot once it is larger than the snapshot and than this; default 8 MB. */
  compactAfterBytes?: number;
}

const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

export const journalOf = (file: string): string => `${file}.journal`;
const temporaryOf = (file: string): string => join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
const isTemporaryOf = (file: string, name: string): boolean =>
  name.startsWith(`.${basename(file)}.`) && /^\.\d+\.tmp$/.test(name.slice(basename(file).length + 1));

/** A rename or a new file is durable only once its directory is fsynced. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `file` with `text` so that a crash at any point leaves the old file or the new one, whole. */
async function writeDurably(file: string, text: string): Promise<void> {
  const temporary = temporaryOf(file);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(file));
}

/** Temporary files that an interrupted save left behind (a crash or SIGKILL before its rename). */
async function removeTemporaries(file: string, log: (line: string) => void): Promise<void> {
  const directory = dirname(file);
  for (const name of await readdir(directory)) {
    if (!isTemporaryOf(file, name)) continue;
    await unlink(join(directory, name));
    log(`--state: removed ${join(directory, name)}, left by a save that was interrupted`);
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`--state ${file} cannot be read: ${(error as Error).message}`);
  }
}

const LEFT_AS_IS = 'The file is left as it is; fix it, or remove it to start from the seed';

/** Runs `load` on the snapshot's JSON; whatever it throws becomes a StateFileError naming the file. */
function loadSnapshot<T>(file: string, text: string, load: (document: unknown) => T): T {
  try {
    return load(JSON.parse(text));
  } catch (error) {
    throw new StateFileError(`--state ${file} cannot be loaded: ${(error as Error).message}. ${LEFT_AS_IS}`);
  }
}

/** The snapshot's state with the journal's changes replayed over it, in order. */
function replayJournal(
  state: WorkspaceState,
  journal: string,
  text: string,
  log: (line: string) => void,
): WorkspaceState {
  const lines = text.split('\n');
  // Each write appends one whole line, newline last, and is acknowledged only after its fsync. A
  // last line without its newline is therefore an append that a crash cut short: it was never
  // acknowledged, so it is dropped. Anything else that does not load stops the start.
  const torn = lines.pop();
  if (torn)
    log(`--state: dropped the unfinished last line of ${journal} (${torn.length} bytes), a write cut off by a crash`);
  const replay = new StateReplay(state);
  const refuse = (where: string, error: unknown) =>
    new StateFileError(
      `--state journal ${journal} cannot be replayed: ${where}${(error as Error).message}. ${LEFT_AS_IS.replace('The file is', 'It and the state file are').replace('remove it', 'remove both')}`,
    );
  lines.forEach((line, i) => {
    let changes: unknown;
    try {
      changes = JSON.parse(line);
    } catch (error) {
      throw refuse(`line ${i + 1} is not JSON: `, error);
    }
    try {
      replay.apply(changes, `line ${i + 1}`);
    } catch (error) {
      if (error instanceof EmulatorStateError) throw refuse('', error);
      throw error;
    }
  });
  try {
    return replay.state();
  } catch (error) {
    throw refuse('the state it leads to is not a workspace: ', error);
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  promise.catch(() => undefined); // a failed save is reported to whoever flushes, not as an unhandled rejection
  return { promise, resolve, reject };
}

/** FILE and its journal as they are, and (when there is a journal) the journal replayed over FILE. */
async function readStateFiles(file: string, log: (line: string) => void) {
  const journalFile = journalOf(file);
  const snapshotText = await readIfExists(file);
  const journalText = await readIfExists(journalFile);
  if (snapshotText === undefined && journalText) {
    throw new StateFileError(
      `--state ${file} does not exist, but its journal ${journalFile} does, with changes to it. Restore the file, or remove the journal too to start from the seed`,
    );
  }
  const replayed =
    snapshotText !== undefined && journalText
      ? replayJournal(loadSnapshot(file, snapshotText, checkState), journalFile, journalText, log)
      : undefined;
  return { snapshotText, journalText, replayed };
}

/**
 * What the next start would load from FILE and its journal (every acknowledged write), read
 * without changing either; undefined when FILE is missing. A StateFileError when they do not load.
 */
export async function readSavedState(
  file: string,
  log: (line: string) => void = () => undefined,
): Promise<WorkspaceState | undefined> {
  const { snapshotText, replayed } = await readStateFiles(file, log);
  return replayed ?? (snapshotText === undefined ? undefined : loadSnapshot(file, snapshotText, checkState));
}

/**
 * Loads FILE (its snapshot and journal) into the emulator, or creates FILE from the emulator's
 * seeded workspace when it is missing, and from then on saves every change. A StateFileError, with
 * both files untouched, when they do not load.
 */
export async function openStateStore(
  emulator: Emulator,
  file: string,
  log: (line: string) => void,
  { compactAfterBytes = COMPACT_AFTER_BYTES }: StateStoreOptions = {},
): Promise<StateStore> {
  const journalFile = journalOf(file);
  try {
    await removeTemporaries(file, log);
  } catch (error) {
    throw new StateFileError(`--state ${file}: its directory cannot be read: ${(error as Error).message}`);
  }
  const { snapshotText, journalText, replayed } = await readStateFiles(file, log);
  if (replayed) emulator.importState(replayed);
  // Without a journal the snapshot is checked once, by importState (a 10,000-user state takes 50 ms).
  else if (snapshotText !== undefined) loadSnapshot(file, snapshotText, (document) => emulator.importState(document));

  /** The journal size at which it is next folded into the snapshot. */
  let compactAt = Math.max(snapshotText?.length ?? 0, compactAfterBytes);
  const compact = async (text = JSON.stringify(emulator.exportState())): Promise<void> => {
    await writeDurably(file, text);
    compactAt = Math.max(text.length, compactAfterBytes);
  };
  let journal: FileHandle;
  try {
    if (snapshotText === undefined || journalText) await compact();
    // O_APPEND: every write goes to the end, also after the journal is emptied (a plain fd would
    // write at its old offset and leave a hole of zeros in front).
    journal = await open(journalFile, 'a');
    await journal.truncate(0); // the snapshot holds everything so far
    await syncDirectory(dirname(journalFile));
  } catch (error) {
    const verb = snapshotText === undefined ? 'created' : 'saved';
    throw new StateFileError(`--state ${file} cannot be ${verb}: ${(error as Error).message}`);
  }

  let queue: string[] = [];
  /** Settles once the lines in `queue` are durable. */
  let queued: Deferred | undefined;
  /** Settles once the batch being written is durable. */
  let writing: Deferred | undefined;
  let journalBytes = 0;
  let failure: Error | undefined;
  let closing: Promise<void> | undefined;
  let pumping = false;
  let pumped = Promise.resolve();

  // One batch at a time: every line queued while a batch is written goes into the next one.
  async function pump(): Promise<void> {
    try {
      await drain();
    } finally {
      pumping = false;
    }
  }

  async function drain(): Promise<void> {
    while (queued && !failure) {
      const batch = queued;
      const lines = queue.join('');
      [queue, queued, writing] = [[], undefined, batch];
      // Compaction takes the state now, with every change so far in it, and the lines queued so far
      // go into the journal first: replaying them over that snapshot, after a crash before the
      // journal is emptied, gives the same state.
      const snapshot = journalBytes + lines.length > compactAt ? JSON.stringify(emulator.exportState()) : undefined;
      try {
        await journal.write(lines);
        await journal.datasync();
        journalBytes += Buffer.byteLength(lines);
        batch.resolve();
      } catch (error) {
        // The journal may now end in part of a line: later lines would follow it, so nothing more is
        // appended. Writes keep being served from memory, each answered with this error; close()
        // tries to save everything in a new snapshot.
        failure = new Error(`the state cannot be saved to ${journalFile}: ${(error as Error).message}`);
        log(`--state: ${failure.message}; later writes are not saved (close() tries once more)`);
        batch.reject(failure);
        (queued as Deferred | undefined)?.reject(failure); // set by writes meanwhile
      }
      writing = undefined;
      if (snapshot !== undefined && !failure) await compactWhileRunning(snapshot);
    }
  }

  /** Folds the journal into a new snapshot; a failure leaves the journal whole, and is tried again later. */
  async function compactWhileRunning(snapshot: string): Promise<void> {
    try {
      await compact(snapshot);
      await journal.truncate(0);
      await journal.datasync();
      journalBytes = 0;
    } catch (error) {
      compactAt = journalBytes * 2;
      log(
        `--state: could not fold the journal into ${file} (${(error as Error).message}); the journal keeps every change, and this is tried again later`,
      );
    }
  }

  const unsubscribe = emulator.onChange((changes) => {
    // Serialized now: the records are the workspace's own and change with the next write.
    const recorded = changes.map((change) =>
      change.kind === 'replaced' ? { kind: 'replaced', state: emulator.exportState() } : change,
    );
    queue.push(`${JSON.stringify(recorded)}\n`);
    if (queued) return;
    queued = deferred();
    if (pumping) return;
    pumping = true;
    pumped = pump();
  });

  const flush = (): Promise<void> => {
    if (failure) return Promise.reject(failure);
    return (queued ?? writing)?.promise ?? Promise.resolve();
  };

  return {
    flush,
    close() {
      closing ??= (async () => {
        unsubscribe();
        await pumped; // a failure is retried by the snapshot below
        try {
          await compact();
          await journal.close();
          await unlink(journalFile);
          await syncDirectory(dirname(journalFile));
        } catch (error) {
          await journal.close().catch(() => undefined);
          throw new Error(`--state ${file}: the final save failed: ${(error as Error).message}`);
        }
      })();
      return closing;
    },
  };
}
