import { TestLedger, clientBody } from '@ledger/test-support';

/** Small HTTP steps the e2e specs build their histories from, each on the ledger it is given. */

/** An ISO instant from a Moscow wall-clock time, e.g. `MSK('2026-03-10T10:00:00')`. */
export const MSK = (local: string): string => new Date(`${local}+03:00`).toISOString();

/**
 * Moves the manual clock (forwards only) to a Moscow time, then waits until everything due has fired
 * and is projected; answers the position reached.
 */
export async function moveClock(ledger: TestLedger, local: string): Promise<string> {
  const res = await ledger
    .http()
    .post('/api/v1/admin/clock')
    .set(ledger.auth('admin', 'ADMIN'))
    .send({ now: MSK(local) })
    .expect(201);
  const head = await allDueFired(ledger);
  return head > BigInt(res.body.position as string) ? head.toString() : (res.body.position as string);
}

/**
 * POST /admin/clock settles, but the background scheduler tick may hold due deadlines at that moment
 * (claimed with SKIP LOCKED, so the settle passes them by) and append their events just after: a test
 * that jumps weeks ahead would then read a planner from the middle of the jump. Settles again until
 * nothing due is pending and a whole settle appended nothing; answers the head position.
 */
async function allDueFired(ledger: TestLedger): Promise<bigint> {
  const { runtime } = ledger;
  const head = async () => BigInt((await runtime.store.headPosition()) ?? '0');
  for (let round = 0; round < 500; round++) {
    const before = await head();
    await runtime.settle();
    const { rows } = await runtime.pool.query<{ due: number }>(
      `SELECT count(*)::int AS due FROM rm_deadlines WHERE status = 'pending' AND due_at <= $1`,
      [runtime.clock.now()],
    );
    const after = await head();
    if (rows[0]!.due === 0 && after === before) return after;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('deadlines due by the manual clock stayed pending');
}

/** Registers a client of kpp-1 and pm-1 (ROS); answers the position of its registration. */
export async function registerClient(
  ledger: TestLedger,
  clientId: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await ledger
    .http()
    .post('/api/v1/clients')
    .set(ledger.auth('ros-1', 'ROS'))
    .send(clientBody(clientId, extra))
    .expect(201);
  return res.body.position as string;
}

/** Records the three transfer steps (ROS): the client is active on remote service from now on. */
export async function activateClient(ledger: TestLedger, clientId: string): Promise<void> {
  for (const step of ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call']) {
    await ledger
      .http()
      .post(`/api/v1/clients/${clientId}/transfer-steps`)
      .set(ledger.auth('ros-1', 'ROS'))
      .send({ step })
      .expect(201);
  }
}
