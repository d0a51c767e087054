/** A pg connection's socket, as far as corking goes. */
export interface CorkableSocket {
  cork?(): void;
  uncork?(): void;
}

const held = new WeakSet<CorkableSocket>();

/**
 * Holds whatever is written to `socket` from now until the event loop turns (`setImmediate`),
 * then sends it all in one system call. Statements a unit of work issues one after another
 * without waiting for an answer (`START TRANSACTION` and the first read, a sync's writes and its
 * `COMMIT`) leave in one write instead of one each, and PostgreSQL answers them in one. Nothing
 * waits longer than that turn: a statement whose answer is awaited lets the loop turn.
 */
export function holdUntilTurn(socket: CorkableSocket | undefined): void {
  if (socket?.cork === undefined || socket.uncork === undefined || held.has(socket)) return;
  held.add(socket);
  socket.cork();
  setImmediate(() => {
    held.delete(socket);
    socket.uncork?.();
  });
}
