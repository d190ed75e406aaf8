import { randomUUID } from 'node:crypto';
import { ManualClock, toNewEvent } from '@ledger/application';
import {
  Actor,
  ClientCommand,
  ClientState,
  clientStreamId,
  evolve,
  foldClient,
  initialClientState,
} from '@ledger/domain';
import type { NewEvent } from '@ledger/eventstore';
import { LedgerRuntime, createLedgerRuntime, readConfig } from '@ledger/platform';
import { handleClientCommand } from '@ledger/workflows';

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

/**
 * Time to compute a client's state by replaying its stream (read + fold, and fold alone). The
 * stream is made by the real workflows in memory (commands, and deadlines fired as they fall due),
 * then stored in batches.
 */
export async function benchReplay(url: string, line: Line): Promise<void> {
  const runtime = await createLedgerRuntime(readConfig({ DATABASE_URL: url, AUTH_SECRET: 'bench' }));
  try {
    for (const size of [1000, 10000]) {
      const clientId = `replay-${size}-${randomUUID()}`;
      const events = lifeOf(clientId, size, runtime.businessTime('444'));
      const streamId = clientStreamId('444', clientId);
      for (let i = 0; i < events.length; i += 500) {
        await runtime.store.append(streamId, events.slice(i, i + 500), {
          expectedVersion: i === 0 ? 'no_stream' : i,
        });
      }
      const stored = await runtime.store.readStream(streamId);
      const median = (ms: number[]) => ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
      const foldMs: number[] = [];
      for (let i = 0; i < 21; i++) {
        const start = performance.now();
        foldClient(stored);
        foldMs.push(performance.now() - start);
      }
      const readFoldMs: number[] = [];
      for (let i = 0; i < 7; i++) {
        const start = performance.now();
        foldClient(await runtime.store.readStream(streamId));
        readFoldMs.push(performance.now() - start);
      }
      line(
        `replay a client of ${stored.length} events: fold / read + fold`,
        `${median(foldMs).toFixed(1)} ms / ${median(readFoldMs).toFixed(1)} ms`,
      );
    }
  } finally {
    await runtime.close();
  }
}

/** A client's life in memory: weekly invoices, promises with reminders, payments on time or late. */
export function lifeOf(
  clientId: string,
  size: number,
  time: ReturnType<LedgerRuntime['businessTime']>,
): NewEvent[] {
  const out: NewEvent[] = [];
  let state: ClientState = initialClientState;
  let ids = 0;
  const apply = (now: Date, command: ClientCommand, actor: Actor) => {
    const context = { ric: '444', actor, now, time, newEventId: () => `${clientId}-${++ids}` };
    for (const decided of handleClientCommand(command, state, context)) {
      state = evolve(state, decided, {
        eventId: decided.eventId,
        occurredAt: decided.occurredAt ?? now.toISOString(),
      });
      out.push(toNewEvent({ ...decided, eventId: randomUUID() }, context, 'bench', 'bench'));
    }
  };
  const ros: Actor = { id: 'ros-1', role: 'ROS' };
  const fireDue = (now: Date) => {
    for (;;) {
      if (state.status !== 'registered') return;
      const due = Object.entries(state.deadlines)
        .filter(([, d]) => new Date(d.dueAt) <= now)
        .sort(([, a], [, b]) => a.dueAt.localeCompare(b.dueAt))[0];
      if (!due) return;
      apply(now, { type: 'FireDeadline', deadlineId: due[0] }, { id: 'scheduler', role: 'SYSTEM' });
    }
  };
  apply(
    new Date('2026-01-12T07:00:00Z'),
    {
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
    ros,
  );
  const life = clientLife();
  while (out.length < size) {
    const [at, command] = life.next().value as [Date, ClientCommand];
    fireDue(at);
    try {
      apply(at, command, ros);
    } catch {
      // a refused command (e.g. a promise while one is open) is simply not part of the history
    }
  }
  return out.slice(0, size);
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
