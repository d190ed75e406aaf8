import { randomUUID } from 'node:crypto';
import { ClientCommandService, SystemClock } from '@ledger/application';
import { clientStreamId } from '@ledger/domain';
import { createLedgerRuntime, readConfig } from '@ledger/platform';
import { lifeOf } from './workflows';

type Line = (label: string, value: string) => void;
const COMMANDS = 41;

const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;

/**
 * What one command costs on a client with a short and with a long history: with the state cache
 * (reads only the events after the cached version) beside the same path reading the whole stream.
 */
export async function benchCommandCost(url: string, line: Line): Promise<void> {
  const runtime = await createLedgerRuntime(readConfig({ DATABASE_URL: url, AUTH_SECRET: 'bench' }));
  try {
    const warm: Record<string, number> = {};
    for (const size of [10, 10000]) {
      const clientId = `cost-${size}-${randomUUID()}`;
      const streamId = clientStreamId('444', clientId);
      const events = lifeOf(clientId, size, runtime.businessTime('444'));
      for (let i = 0; i < events.length; i += 500) {
        await runtime.store.append(streamId, events.slice(i, i + 500), {
          expectedVersion: i === 0 ? 'no_stream' : i,
        });
      }
      for (const [label, cachedStates] of [
        ['cached state', 5000],
        ['whole stream', 0],
      ] as const) {
        const service = new ClientCommandService(
          runtime.store,
          new SystemClock(),
          runtime.businessTime,
          {},
          cachedStates,
        );
        const ms: number[] = [];
        for (let i = 0; i < COMMANDS; i++) {
          const start = performance.now();
          await service.execute({
            ric: '444',
            clientId,
            actor: { id: 'ros-1', role: 'ROS' },
            command: {
              type: 'RecordPayment',
              paymentId: `${label}-${i}`,
              amount: 1,
              paidOn: runtime.businessTime('444').dateOf(new Date()),
            },
          });
          ms.push(performance.now() - start);
        }
        // the first command of the cached service reads the whole stream; the rest are what a warm process pays
        warm[`${label}/${size}`] = median(ms.slice(1));
        line(
          `command on a client of ${events.length} events, ${label}`,
          `first ${ms[0]!.toFixed(1)} ms, then median ${median(ms.slice(1)).toFixed(1)} ms`,
        );
      }
    }
    line(
      'command cost 10 000 vs 10 events (cached / whole stream)',
      `x${(warm['cached state/10000']! / warm['cached state/10']!).toFixed(2)} / ` +
        `x${(warm['whole stream/10000']! / warm['whole stream/10']!).toFixed(2)}`,
    );
  } finally {
    await runtime.close();
  }
}
