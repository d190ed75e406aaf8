import { randomUUID } from 'node:crypto';
import { ManualClock } from '@ledger/application';
import { ClientCommand, clientStreamId, foldClient } from '@ledger/domain';
import { createLedgerRuntime, readConfig } from '@ledger/platform';

type Line = (label: string, value: string) => void;
const MSK = (local: string) => new Date(`${local}+03:00`);

/** A year-like history for one client: invoices, promises kept and broken, payments, reminders. */
function* clientLife(): Generator<[Date, ClientCommand]> {
  let day = new Date('2026-01-12T07:00:00Z');
  let n = 0;
  for (;;) {
    const date = day.toISOString().slice(0, 10);
    n++;
    yield [day, { type: 'IssueInvoice', invoiceId: `inv-${n}`, amount: 10000, issuedOn: date }];
    const promisedOn = new Date(day.getTime() + 3 * 86400000).toISOString().slice(0, 10);
    yield [
      day,
      { type: 'RecordPaymentPromise', promiseId: `p-${n}`, promisedOn, remind: true, amount: 10000 },
    ];
    if (n % 3 !== 0) {
      yield [
        new Date(day.getTime() + 2 * 86400000),
        {
          type: 'RecordPayment',
          paymentId: `pay-${n}`,
          amount: 10000,
          paidOn: new Date(day.getTime() + 2 * 86400000).toISOString().slice(0, 10),
        },
      ];
    } else {
      yield [
        new Date(day.getTime() + 5 * 86400000),
        {
          type: 'RecordPayment',
          paymentId: `pay-${n}`,
          amount: 10000,
          paidOn: new Date(day.getTime() + 5 * 86400000).toISOString().slice(0, 10),
        },
      ];
    }
    day = new Date(day.getTime() + 7 * 86400000);
  }
}

/** Time to compute a client's state by replaying its stream (read + fold, and fold alone). */
export async function benchReplay(url: string, line: Line): Promise<void> {
  const runtime = await createLedgerRuntime(
    readConfig({
      DATABASE_URL: url,
      CLOCK: 'manual',
      CLOCK_START: '2026-01-12T07:00:00Z',
      AUTH_SECRET: 'bench',
      LOG_LEVEL: 'silent',
    }),
  );
  const clock = runtime.clock as ManualClock;
  const actor = { id: 'ros-1', role: 'ROS' as const };
  try {
    for (const size of [1000, 10000]) {
      const clientId = `replay-${size}-${randomUUID()}`;
      await runtime.commands.execute({
        ric: '444',
        clientId,
        actor,
        command: {
          type: 'RegisterClient',
          clientId,
          name: 'bench',
          monthlyFee: 10000,
          category: 'B',
          kppId: 'kpp-1',
          pmId: 'pm-1',
          contactCadence: 'weekly',
          billingDay: 1,
        },
        now: new Date('2026-01-12T07:00:00Z'),
      });
      const streamId = clientStreamId('444', clientId);
      let version = (await runtime.store.readStream(streamId)).length;
      const life = clientLife();
      while (version < size) {
        const [at, command] = life.next().value as [Date, ClientCommand];
        if (at > clock.now()) {
          clock.moveTo(at);
          // fire what fell due on this client's stream, as the scheduler would
          const state = foldClient(await runtime.store.readStream(streamId));
          if (state.status === 'registered') {
            for (const [deadlineId, d] of Object.entries(state.deadlines).sort(([, a], [, b]) =>
              a.dueAt.localeCompare(b.dueAt),
            )) {
              if (new Date(d.dueAt) <= at) {
                await runtime.commands.execute({
                  ric: '444',
                  clientId,
                  actor: { id: 'scheduler', role: 'SYSTEM' },
                  command: { type: 'FireDeadline', deadlineId },
                });
              }
            }
          }
        }
        const answer = await runtime.commands.execute({ ric: '444', clientId, actor, command });
        version = answer.streamVersion;
      }
      const events = await runtime.store.readStream(streamId);
      const samples = (run: () => unknown, times: number) => {
        const ms: number[] = [];
        for (let i = 0; i < times; i++) {
          const start = performance.now();
          run();
          ms.push(performance.now() - start);
        }
        return ms.sort((a, b) => a - b)[Math.floor(times / 2)]!;
      };
      const foldMs = samples(() => foldClient(events), 20);
      const readStart = performance.now();
      for (let i = 0; i < 5; i++) foldClient(await runtime.store.readStream(streamId));
      const readFoldMs = (performance.now() - readStart) / 5;
      line(
        `replay a client of ${events.length} events: fold / read + fold`,
        `${foldMs.toFixed(1)} ms / ${readFoldMs.toFixed(1)} ms`,
      );
    }
  } finally {
    await runtime.close();
  }
}

/** Deadlines fired per second with 10,000 due at once (each through the command path). */
export async function benchDeadlines(url: string, dataDir: string, line: Line): Promise<void> {
  const count = Number(process.env.BENCH_DEADLINES ?? 10000);
  const runtime = await createLedgerRuntime(
    readConfig({
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      CLOCK: 'manual',
      CLOCK_START: MSK('2026-03-10T10:00:00').toISOString(),
      AUTH_SECRET: 'bench',
      LOG_LEVEL: 'silent',
    }),
  );
  const actor = { id: 'ros-1', role: 'ROS' as const };
  try {
    const ids = Array.from({ length: count }, (_, i) => `due-${i}-${randomUUID().slice(0, 8)}`);
    const queue = [...ids];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let clientId = queue.shift(); clientId; clientId = queue.shift()) {
          const run = (command: ClientCommand) =>
            runtime.commands.execute({ ric: '444', clientId: clientId!, actor, command });
          await run({
            type: 'RegisterClient',
            clientId,
            name: 'bench',
            monthlyFee: 10000,
            category: 'B',
            kppId: 'kpp-1',
            pmId: 'pm-1',
            contactCadence: 'weekly',
            billingDay: 1,
          });
          await run({ type: 'IssueInvoice', invoiceId: 'i', amount: 10000, issuedOn: '2026-03-01' });
          await run({
            type: 'RecordPaymentPromise',
            promiseId: 'p',
            promisedOn: '2026-03-20',
            remind: false,
          });
        }
      }),
    );
    await runtime.projector.catchUp();
    (runtime.clock as ManualClock).moveTo(MSK('2026-03-21T00:00:00'));
    const start = performance.now();
    const fired = await runtime.scheduler.fireDue(runtime.clock.now());
    const ms = performance.now() - start;
    line(
      `deadlines fired, ${fired} due at once (promise breaches)`,
      `${Math.round((fired / ms) * 1000)} deadlines/s`,
    );
  } finally {
    await runtime.close();
  }
}
