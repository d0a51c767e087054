/**
 * What one partition's consumer has handed out and finished, so that a commit never skips a
 * message still in flight: the committable position is the lowest offset not yet finished, or,
 * when everything handed out is done, one past the highest offset seen. Offsets need not be
 * contiguous (transaction markers and compaction leave gaps).
 */
export class PartitionProgress {
  /** Offsets handed out, ascending (a partition delivers in order); finished ones are trimmed from the front. */
  private readonly begun: bigint[] = [];
  private head = 0;
  private readonly finished = new Set<bigint>();
  /** One past the highest offset seen. */
  private next: bigint | null = null;
  private committed: bigint | null = null;

  /**
   * Records a fetched offset. False means it was seen before: a redelivery after a rebalance or
   * a restart of the fetcher, which is either done already or still in flight here.
   */
  begin(offset: bigint): boolean {
    if (this.next !== null && offset < this.next) return false;
    this.begun.push(offset);
    this.next = offset + 1n;
    return true;
  }

  /** Moves past offsets the broker skipped (a batch's last offset can be a transaction marker). */
  skipTo(next: bigint): void {
    if (this.next === null || next > this.next) this.next = next;
  }

  finish(offset: bigint): void {
    this.finished.add(offset);
  }

  /** Messages handed out and not finished. */
  get inFlight(): number {
    return this.begun.length - this.head - this.finished.size;
  }

  /** The position to commit (the next offset to read), or null when it has not moved since the last commit. */
  committable(): bigint | null {
    while (this.head < this.begun.length) {
      const offset = this.begun[this.head]!;
      if (!this.finished.delete(offset)) break;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.begun.length) {
      this.begun.splice(0, this.head);
      this.head = 0;
    }
    const position = this.head < this.begun.length ? this.begun[this.head]! : this.next;
    if (position === null || position === this.committed) return null;
    return position;
  }

  markCommitted(position: bigint): void {
    if (this.committed === null || position > this.committed) this.committed = position;
  }
}
