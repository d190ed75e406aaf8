import type { AppendManyOptions, AppendResult, EventStore, StreamAppend } from '@ledger/eventstore';
import { BatchWriter, intoBatches } from './writer';

const append = (streamId: string, events: number): StreamAppend => ({
  streamId,
  events: Array.from({ length: events }, (_, n) => ({
    type: 'E',
    data: { n },
    metadata: { eventId: `${streamId}-${n}` } as StreamAppend['events'][number]['metadata'],
  })),
  expectedVersion: 'no_stream',
});
const sizes = (batches: StreamAppend[][]) => batches.map((b) => b.reduce((n, a) => n + a.events.length, 0));

describe('intoBatches', () => {
  it('cuts at the batch size with streams whole, and a rest under half a batch joins the batch before', () => {
    const appends = ['a', 'b', 'c', 'd', 'e'].map((id) => append(id, 4));
    // 20 events by 8: 8 | 8 | 4 — the rest (4) is half a batch, so it stands alone
    expect(sizes(intoBatches(appends, 8))).toEqual([8, 8, 4]);
    // by 9: a, b, c make 12 and the 8 left are more than half a batch: 12 | 8
    expect(sizes(intoBatches(appends, 9))).toEqual([12, 8]);
    // by 12: 12, then 8 left ≥ 6: 12 | 8; by 14: 16 and a rest of 4 < 7 joins it: 20
    expect(sizes(intoBatches(appends, 12))).toEqual([12, 8]);
    expect(sizes(intoBatches(appends, 14))).toEqual([20]);
    expect(intoBatches([], 8)).toEqual([]);
    // the streams stay in their order
    expect(
      intoBatches(appends, 8)
        .flat()
        .map((a) => a.streamId),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('BatchWriter', () => {
  /** A store whose batches are sent and answered when the test says so. */
  const fakeStore = () => {
    const calls: Array<{ batch: StreamAppend[]; send: () => void; answer: (fail?: Error) => void }> = [];
    const store = {
      appendMany: (batch: StreamAppend[], options: AppendManyOptions = {}) =>
        new Promise<Array<AppendResult | 'conflict'>>((resolve, reject) => {
          calls.push({
            batch,
            send: () => options.onSent?.(),
            answer: (fail) =>
              fail
                ? reject(fail)
                : resolve(batch.map((a) => ({ streamVersion: a.events.length, position: '1' }))),
          });
        }),
    } as unknown as EventStore;
    return { store, calls };
  };
  const settled = async (promise: Promise<unknown>) => {
    let done = false;
    void promise.then(
      () => (done = true),
      () => (done = true),
    );
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return done;
  };

  it('returns from a flush once its last batch is sent, before the answer; the next flush waits for it', async () => {
    const { store, calls } = fakeStore();
    const writer = new BatchWriter(store, '444', 4);
    const first = writer.write([append('a', 4), append('b', 4)]);
    await new Promise((r) => setImmediate(r));
    // two batches: the first is answered before the last is sent
    expect(calls).toHaveLength(1);
    expect(await settled(first)).toBe(false);
    calls[0]!.answer();
    await new Promise((r) => setImmediate(r));
    expect(calls).toHaveLength(2);
    expect(await settled(first)).toBe(false);
    calls[1]!.send();
    expect(await settled(first)).toBe(true);
    // the next flush waits for the last batch's answer before it starts
    const second = writer.write([append('c', 4)]);
    expect(await settled(second)).toBe(false);
    expect(calls).toHaveLength(2);
    calls[1]!.answer();
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    calls[2]!.send();
    expect(await settled(second)).toBe(true);
    calls[2]!.answer();
    await writer.done();
    expect(writer.appended).toBe(12);
    expect(writer.batches).toBe(3);
  });

  it('stops waiting when a batch fails before it was sent, and throws the failure at the next wait', async () => {
    const { store, calls } = fakeStore();
    const writer = new BatchWriter(store, '444', 4);
    const flush = writer.write([append('a', 4)]);
    await new Promise((r) => setImmediate(r));
    calls[0]!.answer(new Error('connection lost'));
    await flush;
    await expect(writer.done()).rejects.toThrow('connection lost');
  });
});
