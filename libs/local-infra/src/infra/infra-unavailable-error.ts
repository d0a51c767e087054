/**
 * Thrown when no way to run a piece of infrastructure exists on this machine. The message says what
 * to install; the stack is dropped because it would only bury that message.
 */
export class InfraUnavailableError extends Error {
  override readonly name = 'InfraUnavailableError';

  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}
