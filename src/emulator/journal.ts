// The latest exchanges, newest first, for GET /__emulator/requests; a proxy in front may add the
// spec violations it found in an answer.
import type { JournalEntry, Violation } from './types.js';

export const JOURNAL_SIZE = 500;

export class Journal {
  private entries: JournalEntry[] = [];

  add(entry: JournalEntry): void {
    this.entries.unshift(entry);
    if (this.entries.length > JOURNAL_SIZE) this.entries.length = JOURNAL_SIZE;
  }

  list(): JournalEntry[] {
    return this.entries.map((entry) => structuredClone(entry));
  }

  annotate(requestId: string, violations: Violation[]): void {
    const entry = this.entries.find((e) => e.requestId === requestId);
    if (entry) entry.violations.push(...structuredClone(violations));
  }
}
