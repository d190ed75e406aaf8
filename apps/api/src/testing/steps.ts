import { TestLedger, clientBody } from '../../../../test/support/ledger';

/** Small HTTP steps the e2e specs build their histories from, each on the ledger it is given. */

/** An ISO instant from a Moscow wall-clock time, e.g. `MSK('2026-03-10T10:00:00')`. */
export const MSK = (local: string): string => new Date(`${local}+03:00`).toISOString();

/** Moves the manual clock (forwards only) to a Moscow time; answers the position it reached. */
export async function moveClock(ledger: TestLedger, local: string): Promise<string> {
  const res = await ledger
    .http()
    .post('/api/v1/admin/clock')
    .set(ledger.auth('admin', 'ADMIN'))
    .send({ now: MSK(local) })
    .expect(201);
  return res.body.position as string;
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
