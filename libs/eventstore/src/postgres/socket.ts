import type { PoolClient } from 'pg';
import type { Writable } from 'node:stream';

/**
 * Resolves once what `client` has been given to send is in the kernel's socket (at once when it
 * already is). A large statement first waits in Node's socket buffer, which only the event loop
 * drains; a caller about to keep the thread busy waits for this first (AppendManyOptions.onSent).
 * `connection.stream` is pg's socket: not in pg's types, so looked for, and absent means "sent".
 */
export function whenWritten(client: PoolClient): Promise<void> {
  const socket = (client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
  if (!socket || !socket.writableNeedDrain) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
