import { Client } from 'pg';
import { startTestLedger, TestLedger } from '@ledger/test-support';

describe('GET /metrics: transactions that block readers of the log', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ projector: false });
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('exports the age of the oldest open transaction and of the oldest holding a transaction id', async () => {
    const blocker = new Client({ connectionString: ledger.runtime.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const { text } = await ledger.http().get('/metrics').expect(200);
      const age = (scope: string) => {
        const match = new RegExp(
          `^ledger_db_oldest_transaction_age_seconds\\{scope="${scope}"\\} (\\S+)$`,
          'm',
        ).exec(text);
        return match ? Number(match[1]) : NaN;
      };
      expect(age('writing')).toBeGreaterThanOrEqual(1);
      expect(age('open')).toBeGreaterThanOrEqual(1);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
  });
});
