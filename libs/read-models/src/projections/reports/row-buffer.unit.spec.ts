import type { EntityManager } from 'typeorm';
import { Row, RowBuffer } from './row-buffer';

/** The rows one flush sends (its one statement's JSON parameter), read back. */
async function flushed(buffer: RowBuffer): Promise<Row[]> {
  const sent: unknown[][] = [];
  const manager = { query: async (_sql: string, params: unknown[]) => void sent.push(params) };
  await buffer.flush(manager as unknown as EntityManager);
  expect(sent).toHaveLength(1);
  return JSON.parse(sent[0]![0] as string) as Row[];
}

describe('RowBuffer: the rows of a batch, one per key', () => {
  it('merge: a later row fills in what it names and keeps what it leaves null', async () => {
    const buffer = new RowBuffer('t', ['ric', 'contact_id'], ['planned_at', 'ended_at'], 'merge');
    buffer.put({ ric: '444', contact_id: 'c1', planned_at: 'p', ended_at: null });
    buffer.put({ ric: '444', contact_id: 'c2', planned_at: 'q', ended_at: null });
    buffer.put({ ric: '444', contact_id: 'c1', planned_at: null, ended_at: 'e' });
    expect(await flushed(buffer)).toEqual([
      { ric: '444', contact_id: 'c1', planned_at: 'p', ended_at: 'e' },
      { ric: '444', contact_id: 'c2', planned_at: 'q', ended_at: null },
    ]);
  });

  it('replace: a later row of the same key is the whole truth', async () => {
    const buffer = new RowBuffer('t', ['ric', 'week'], ['logins'], 'replace');
    buffer.put({ ric: '444', week: 'w1', logins: 5 });
    buffer.put({ ric: '444', week: 'w1', logins: null });
    expect(await flushed(buffer)).toEqual([{ ric: '444', week: 'w1', logins: null }]);
  });

  it('keys of different parts never run together', async () => {
    const buffer = new RowBuffer('t', ['a', 'b'], ['v'], 'merge');
    buffer.put({ a: 'x', b: 'yz', v: 1 });
    buffer.put({ a: 'xy', b: 'z', v: 2 });
    expect(await flushed(buffer)).toHaveLength(2);
  });

  it('a flush empties the buffer; an empty buffer sends nothing', async () => {
    const buffer = new RowBuffer('t', ['k'], ['v'], 'merge');
    buffer.put({ k: 1, v: 1 });
    expect(await flushed(buffer)).toEqual([{ k: 1, v: 1 }]);
    const sent: unknown[] = [];
    await buffer.flush({
      query: async (...args: unknown[]) => void sent.push(args),
    } as unknown as EntityManager);
    expect(sent).toEqual([]);
  });
});
