#!/usr/bin/env node
/**
 * README's screenshots of each role's main page, taken from a running service with the demo data:
 *
 *   DEMO=1 npm start                      # another terminal: fills an empty store, then serves
 *   npm run screenshots [-- http://localhost:3000]
 *
 * Tokens come from the same DATA_DIR/AUTH_SECRET as the service (`npm run token`'s code); Chromium is
 * Debian's (/usr/bin/chromium) or CHROMIUM_PATH. Writes docs/screenshots/<role>.png.
 */
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = join(__dirname, '..');
const base = (process.argv[2] ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const out = join(ROOT, 'docs', 'screenshots');

const token = (sub, role) =>
  execFileSync(
    process.execPath,
    [
      '-r',
      join(ROOT, 'tools/register-paths.js'),
      join(ROOT, 'dist/apps/api/src/token.js'),
      '--sub',
      sub,
      '--ric',
      '444',
      '--role',
      role,
    ],
    { encoding: 'utf8' },
  ).trim();

async function signedIn(browser, sub, role) {
  const context = await browser.newContext({
    timezoneId: 'Europe/Moscow',
    locale: 'ru-RU',
    viewport: { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/console`);
  await page.getByLabel('Токен доступа').fill(token(sub, role));
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForLoadState('networkidle');
  return page;
}

async function shoot(page, name) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, name) });
  console.log(`docs/screenshots/${name}`);
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const kpp = await signedIn(browser, 'kpp-1', 'KPP');
    await kpp.waitForURL(/\/console\/kpp/);
    await shoot(kpp, 'console-kpp-planner.png');
    const firstClient = kpp.getByRole('link', { name: /Клиент|ООО|ИП|АО/ }).first();
    if (await firstClient.count()) {
      await firstClient.click();
      await shoot(kpp, 'console-kpp-client-card.png');
    }

    const pm = await signedIn(browser, 'pm-1', 'PM');
    await shoot(pm, 'console-pm-queue.png');

    const auditor = await signedIn(browser, 'rkpp-1', 'RKPP');
    await auditor.waitForURL(/\/console\/auditor/);
    const sample = auditor.getByRole('form', { name: 'Выборка звонков для аудита' });
    await sample.getByRole('button', { name: 'Выбрать звонки' }).click();
    const drawn = auditor.getByRole('link', { name: /^Клиент / }).first();
    await drawn.waitFor();
    await drawn.click();
    const timeline = auditor.getByRole('list', { name: 'События клиента' });
    await timeline.locator('li.timeline-event').first().waitFor();
    await shoot(auditor, 'auditor.png');
    await timeline.scrollIntoViewIfNeeded();
    await shoot(auditor, 'auditor-timeline.png');

    const analyst = await signedIn(browser, 'analyst-1', 'ANALYST');
    await analyst.goto(`${base}/console/analyst?report=segment-dynamics`);
    await analyst.getByRole('button', { name: 'Показать' }).click();
    await shoot(analyst, 'analyst.png');
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
