import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestLedger } from '@ledger/test-support';

const ROOT = join(__dirname, '..', '..', '..');

/** Debian's chromium unless CHROMIUM_PATH names another; null when there is none. */
export function chromiumPath(): string | null {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(path) ? path : null;
}

/** Bundles the console from its current sources into dist/console, as `npm run build` does. */
export function buildConsole(): void {
  execFileSync(process.execPath, [join(ROOT, 'apps/console/build.js')], { stdio: 'pipe' });
}

/** The test ledger on a real port of 127.0.0.1: answers the base URL. */
export async function listen(ledger: TestLedger): Promise<string> {
  await ledger.app.listen(0, '127.0.0.1');
  const { port } = ledger.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A folder for the test's screenshots (git-ignored). */
export function screenshotFolder(name: string): string {
  const folder = join(ROOT, 'test-output', name);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** A fresh page in Moscow time and Russian, as the РИЦ's staff see it. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    timezoneId: 'Europe/Moscow',
    locale: 'ru-RU',
    viewport: { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  // a step that cannot happen fails in seconds, naming itself, before Jest's timeout
  page.setDefaultTimeout(15_000);
  return page;
}
