import { Client } from 'pg';
import { clientBody, startTestLedger, TestLedger } from '@ledger/test-support';

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

describe('GET /metrics: requests and refusals', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ projector: false });
  });
  afterAll(async () => {
    await ledger.close();
  });

  const sample = (text: string, name: string, labels: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };

  it('counts each request by route and the status answered, and each refusal by its rule', async () => {
    const ros = ledger.auth('ros-1', 'ROS');
    const before = (await ledger.http().get('/metrics').expect(200)).text;
    await ledger.http().post('/api/v1/clients').set(ros).send(clientBody('m-1')).expect(201);
    await ledger.http().post('/api/v1/clients').set(ros).send(clientBody('m-2')).expect(201);
    // the same client again: refused by a business rule (409)
    const refused = await ledger.http().post('/api/v1/clients').set(ros).send(clientBody('m-1')).expect(409);
    const rule = (refused.body as { rule: string }).rule;
    // no token: answered by the guard, counted all the same
    await ledger.http().post('/api/v1/clients').send(clientBody('m-3')).expect(401);
    const after = (await ledger.http().get('/metrics').expect(200)).text;
    const count = (status: string) => {
      const labels = `method="POST",route="/api/v1/clients",status="${status}"`;
      const name = 'ledger_http_request_duration_seconds_count';
      return sample(after, name, labels) - sample(before, name, labels);
    };
    expect(count('201')).toBe(2);
    expect(count('409')).toBe(1);
    expect(count('401')).toBe(1);
    const refusals = (text: string) => sample(text, 'ledger_command_refusals_total', `rule="${rule}"`);
    expect(refusals(after) - refusals(before)).toBe(1);
  });
});
