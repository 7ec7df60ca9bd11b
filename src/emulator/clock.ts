// The time status expiry and new records use: real time, or a time a test set.

export class Clock {
  private fixed: number | null = null;

  now(): number {
    return this.fixed ?? Date.now();
  }

  /** An ISO date-time or ms since the epoch; null goes back to real time. Throws a RangeError on anything else. */
  set(isoOrMs: string | number | null): void {
    if (isoOrMs === null) {
      this.fixed = null;
      return;
    }
    const ms = typeof isoOrMs === 'number' ? isoOrMs : Date.parse(isoOrMs);
    if (!Number.isFinite(ms)) throw new RangeError(`not a date-time: ${JSON.stringify(isoOrMs)}`);
    this.fixed = ms;
  }
}
