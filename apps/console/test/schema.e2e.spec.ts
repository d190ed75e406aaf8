import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestLedger, TestLedger } from '@ledger/test-support';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA = join(ROOT, 'apps/console/src/api/schema.d.ts');
const CLI = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');

/**
 * The console's API types are generated from the OpenAPI document the service serves; this fails
 * when the committed file no longer matches it. `npm run console:schema` regenerates the file.
 */
describe('console API types (apps/console/src/api/schema.d.ts)', () => {
  let ledger: TestLedger;
  let folder: string;
  beforeAll(async () => {
    ledger = await startTestLedger({ projector: false });
    folder = mkdtempSync(join(tmpdir(), 'console-schema-'));
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('are generated from the current /docs/openapi.json', async () => {
    const document = await ledger.http().get('/docs/openapi.json').expect(200);
    const input = join(folder, 'openapi.json');
    const output = join(folder, 'schema.d.ts');
    writeFileSync(input, JSON.stringify(document.body, null, 2));
    execFileSync(process.execPath, [CLI, input, '--output', output], { stdio: 'pipe' });
    const fresh = readFileSync(output, 'utf8');
    if (process.env.UPDATE_CONSOLE_SCHEMA === '1') writeFileSync(SCHEMA, fresh);
    expect(fresh.length).toBeGreaterThan(1000);
    expect(readFileSync(SCHEMA, 'utf8')).toBe(fresh);
  });
});
