import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { startTestLedger, TestLedger } from '@ledger/test-support';
import { serveConsole } from './serve-console';

/** The console's static files at /console: no token, cache headers, the page for any console path. */
describe('the web console at /console', () => {
  let folder: string;
  let server: express.Express;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'console-files-'));
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(folder, 'assets', 'app-ABC123.js'), 'console.log(1)');
    server = express();
    serveConsole(server as unknown as INestApplication, folder);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('serves index.html, never cached, for /console and any path under it (the console routes itself)', async () => {
    for (const path of ['/console', '/console/', '/console/kpp', '/console/clients/c-1']) {
      const res = await request(server).get(path).expect(200);
      expect(res.text).toContain('<title>console</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets cached for a year, and a missing asset is 404', async () => {
    const res = await request(server).get('/console/assets/app-ABC123.js').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe('console.log(1)');
    await request(server).get('/console/assets/app-OLD.js').expect(404);
  });

  describe('in the service', () => {
    let ledger: TestLedger;
    beforeAll(async () => {
      ledger = await startTestLedger({ projector: false });
    });
    afterAll(() => ledger.close());

    it('needs no bearer token for /console, while the API still does', async () => {
      const page = await ledger.http().get('/console/kpp');
      // 200 with the page once `npm run build` has bundled it, 404 saying so before
      expect([200, 404]).toContain(page.status);
      expect(page.status === 200 ? page.text : page.body.error).toMatch(/<div id="app">|npm run build/);
      await ledger.http().get('/api/v1/queues/kpp/kpp-1').expect(401);
    });
  });
});
