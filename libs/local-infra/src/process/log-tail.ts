import { createInterface } from 'node:readline';
import { type Readable } from 'node:stream';

/** Keeps the last `capacity` lines of a child's output, so start-up errors can show what happened. */
export class LogTail {
  private readonly buffer: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();

  constructor(private readonly capacity = 300) {}

  push(line: string): void {
    this.buffer.push(line);
    if (this.buffer.length > this.capacity) {
      this.buffer.splice(0, this.buffer.length - this.capacity);
    }
    for (const listener of this.listeners) {
      listener(line);
    }
  }

  /** Feeds a stream line by line; readline copes with lines split across chunks. */
  follow(stream: Readable | null, prefix = ''): void {
    if (!stream) {
      return;
    }
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) =>
      this.push(prefix + line),
    );
  }

  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lines(count = this.capacity): string[] {
    return this.buffer.slice(-count);
  }

  /** The tail formatted for an error message. */
  format(count = 60): string {
    const lines = this.lines(count);
    return lines.length > 0 ? lines.join('\n') : '(no output)';
  }
}
