import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresEventStore } from '@ledger/eventstore';
import { testEvent } from '@ledger/eventstore/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { openReadModels } from './data-source';
import { ProjectionRunner } from './projection-runner';
import { deadlinesProjection } from './projections/deadlines.projection';
import { reviewsProjection } from './projections/reviews.projection';

/**
 * The set-based projections (ADR 0070) apply a batch's events in memory in log order: the rows must
 * be those of applying the events one at a time, wherever the batch boundaries fall.
 */
describe('Batched projections: the same rows whatever the batch size', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let readModels: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 8 });
    store = new PostgresEventStore(pool);
    await store.migrate();
    readModels = await openReadModels(db.url);
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
    const kpp = (id: string) => ({ role: 'KPP', employeeId: id });
    const review = (score: number) => ({
      reviewId: 'r1',
      contactId: 'k1',
      sheet: 'standard',
      scores: { greeting: 2 },
      score,
      employee: kpp('kpp-2'),
      connectedAt: at(5).toISOString(),
      reviewer: { role: 'AUDITOR', employeeId: 'aud-1' },
    });
    await store.append(
      'client-444-c-1',
      [
        testEvent('ContactPlanned', { contactId: 'k1', assignee: kpp('kpp-1') }, at(1)),
        testEvent('ContactPlanned', { contactId: 'k2', assignee: kpp('kpp-1') }, at(2)),
        testEvent('ContactPlanned', { contactId: 'k3', assignee: { role: 'PM', employeeId: 'pm-1' } }, at(3)),
        // k1 and k2 move to kpp-2, k3 to pm-2
        testEvent(
          'ClientAssigned',
          { previousKppId: 'kpp-1', kppId: 'kpp-2', previousPmId: 'pm-1', pmId: 'pm-2' },
          at(4),
        ),
        testEvent('CallAttempted', { contactId: 'k1', outcome: 'connected' }, at(5)),
        // k1 connected: it stays kpp-2's call; k2 moves on to kpp-3
        testEvent(
          'ClientAssigned',
          { previousKppId: 'kpp-2', kppId: 'kpp-3', previousPmId: 'pm-2', pmId: 'pm-2' },
          at(6),
        ),
        testEvent('ContactClosed', { contactId: 'k1' }, at(7)),
        // k2 ends without a connected call: nothing to listen to
        testEvent('ContactMissed', { contactId: 'k2' }, at(8)),
        testEvent('ContactPlanned', { contactId: 'k1', assignee: kpp('kpp-9') }, at(9)),
        testEvent('CallAttempted', { contactId: 'k3', outcome: 'no_answer' }, at(10)),
        testEvent('CallReviewed', review(1.5), at(11)),
        testEvent('CallReviewed', review(0.5), at(12)),
        testEvent(
          'DeadlineSet',
          { deadlineId: 'd1', kind: 'promise_due', dueAt: '2026-03-10T00:00:00.000Z' },
          at(13),
        ),
        testEvent('DeadlineFired', { deadlineId: 'd1' }, at(14)),
        testEvent(
          'DeadlineSet',
          { deadlineId: 'd2', kind: 'promise_due', dueAt: '2026-03-11T00:00:00.000Z' },
          at(15),
        ),
        testEvent('DeadlineCancelled', { deadlineId: 'd2' }, at(16)),
        testEvent(
          'DeadlineSet',
          { deadlineId: 'd2', kind: 'reminder', dueAt: '2026-03-12T00:00:00.000Z' },
          at(17),
        ),
        testEvent('DeadlineFired', { deadlineId: 'd3' }, at(18)),
      ],
      { expectedVersion: 'no_stream' },
    );
    await store.append(
      'client-444-c-2',
      [
        testEvent('ContactPlanned', { contactId: 'k1', assignee: kpp('kpp-1') }, at(20)),
        testEvent('ClientAssigned', { previousKppId: 'kpp-1', kppId: 'kpp-5' }, at(21)),
      ],
      { expectedVersion: 'no_stream' },
    );
  });
  afterAll(async () => {
    await readModels.destroy();
    await pool.end();
    await db.drop();
  });

  const project = async (batchSize: number) => {
    await readModels.query(
      'TRUNCATE rm_projection_checkpoints, rm_audit_calls, rm_call_reviews, rm_deadlines',
    );
    const runner = new ProjectionRunner(store, readModels, [deadlinesProjection, reviewsProjection], {
      batchSize,
    });
    await runner.catchUp();
    return {
      calls: await readModels.query(
        `SELECT client_id, contact_id, assignee_role, assignee_id, connected_at FROM rm_audit_calls
         ORDER BY client_id, contact_id`,
      ),
      reviews: await readModels.query(
        'SELECT client_id, review_id, score::float AS score FROM rm_call_reviews',
      ),
      deadlines: await readModels.query(
        `SELECT deadline_id, kind, due_at, status FROM rm_deadlines ORDER BY deadline_id`,
      ),
    };
  };

  it('one event per batch, a few, and all at once give the rows worked out by hand', async () => {
    const expected = {
      calls: [
        {
          client_id: 'c-1',
          contact_id: 'k1',
          assignee_role: 'KPP',
          assignee_id: 'kpp-2',
          connected_at: new Date('2026-03-02T09:05:00Z'),
        },
        { client_id: 'c-1', contact_id: 'k3', assignee_role: 'PM', assignee_id: 'pm-2', connected_at: null },
        {
          client_id: 'c-2',
          contact_id: 'k1',
          assignee_role: 'KPP',
          assignee_id: 'kpp-5',
          connected_at: null,
        },
      ],
      reviews: [{ client_id: 'c-1', review_id: 'r1', score: 1.5 }], // the first review of an id stands
      deadlines: [
        { deadline_id: 'd1', kind: 'promise_due', due_at: new Date('2026-03-10T00:00:00Z'), status: 'fired' },
        { deadline_id: 'd2', kind: 'reminder', due_at: new Date('2026-03-12T00:00:00Z'), status: 'pending' },
      ],
    };
    for (const batchSize of [1, 3, 7, 100]) expect(await project(batchSize)).toEqual(expected);
  });
});
