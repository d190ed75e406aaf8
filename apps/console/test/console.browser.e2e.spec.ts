import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { Browser, Page, chromium } from 'playwright-core';
import { TestLedger, startTestLedger } from '@ledger/test-support';
import { MSK, activateClient, moveClock, registerClient } from '../../api/src/testing/steps';
import { buildConsole, chromiumPath, listen, newPage, screenshotFolder } from './browser';

const CHROMIUM = chromiumPath();
if (!CHROMIUM) {
  process.stderr.write(
    `console browser tests skipped: no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
  );
}
const describeInBrowser = CHROMIUM ? describe : describe.skip;
// a browser step may wait 15 s on a loaded 2-core machine (browser.ts); a test has several
jest.setTimeout(90_000);

/**
 * The console in headless Chromium against the whole service on its embedded PostgreSQL, with the
 * manual clock at Monday 2 March 2026, 10:00 (Moscow): a КПП's morning, a ПМ's queue, and what a
 * role may not see. Screenshots go to test-output/console/.
 */
describeInBrowser('web console in a browser (КПП and ПМ)', () => {
  let ledger: TestLedger;
  let browser: Browser;
  let base: string;
  let contactId: string;
  const shots = screenshotFolder('console');
  const kpp = () => ledger.auth('kpp-1', 'KPP');

  beforeAll(async () => {
    buildConsole();
    ledger = await startTestLedger({ clockStart: MSK('2026-03-02T07:00:00') });
    base = await listen(ledger);
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    // c-1: an unplanned contact on the КПП's planner; c-2: handed over to the ПМ by the КПП
    await registerClient(ledger, 'c-1');
    await activateClient(ledger, 'c-1');
    const planned = await ledger
      .http()
      .post('/api/v1/clients/c-1/contacts')
      .set(kpp())
      .send({ kind: 'unplanned', reason: 'hot_news', plannedAt: MSK('2026-03-02T09:00:00') })
      .expect(201);
    contactId = planned.body.contactId;
    await registerClient(ledger, 'c-2');
    await activateClient(ledger, 'c-2');
    await ledger
      .http()
      .post('/api/v1/clients/c-2/handovers')
      .set(kpp())
      .send({ comment: 'обещают оплатить после проверки' })
      .expect(201);
    await moveClock(ledger, '2026-03-02T10:00:00');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  const signInWithToken = async (page: Page, header: { Authorization: string }) => {
    await page.goto(`${base}/console`);
    await page.getByLabel('Токен доступа').fill(header.Authorization.replace('Bearer ', ''));
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
  };
  const historyTypes = async () =>
    (await ledger.http().get('/api/v1/clients/c-1/history').set(kpp()).expect(200)).body.events.map(
      (e: { type: string; data: Record<string, unknown> }) => e,
    );

  it('a КПП signs in with a token, opens the planner, logs an attempt and closes the contact; API errors show by their field or rule', async () => {
    const page = await newPage(browser);
    await signInWithToken(page, kpp());
    await page.waitForURL(`${base}/console/kpp`);
    const row = page.getByRole('row', { name: /Клиент c-1/ }).filter({ hasText: 'Горячая новость' });
    await row.waitFor();
    await expect(row.getByRole('cell', { name: 'Внеплановый контакт' }).count()).resolves.toBe(1);
    await expect(page.getByLabel('День').inputValue()).resolves.toBe('2026-03-02');
    await page.screenshot({ path: join(shots, 'kpp-planner.png'), fullPage: true });

    await row.getByRole('link', { name: 'Клиент c-1' }).click();
    await page.waitForURL(`${base}/console/clients/c-1#contact-${contactId}`);
    const contact = page.locator(`[id="contact-${contactId}"]`);
    const attempt = contact.getByRole('form', { name: 'Попытка дозвона' });
    await attempt.getByLabel('Результат').selectOption('connected');
    await attempt.getByLabel('Время звонка').fill('2026-03-02T09:30');
    // a wrong duration: the API's 400 names durationSec, shown under that field
    await attempt.getByLabel('Длительность, с').fill('-5');
    await attempt.getByRole('button', { name: 'Записать попытку' }).click();
    const durationError = attempt.locator('.field-error');
    await durationError.waitFor();
    await expect(durationError.textContent()).resolves.toMatch(/durationSec/);
    await expect(attempt.getByLabel('Длительность, с').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.screenshot({ path: join(shots, 'kpp-field-error.png'), fullPage: true });
    expect((await historyTypes()).filter((e: { type: string }) => e.type === 'CallAttempted')).toHaveLength(
      0,
    );

    await attempt.getByLabel('Длительность, с').fill('300');
    await attempt.getByRole('button', { name: 'Записать попытку' }).click();
    await contact.getByText('Попыток: 1').waitFor();
    const attempted = (await historyTypes()).filter((e: { type: string }) => e.type === 'CallAttempted');
    expect(attempted).toHaveLength(1);
    expect(attempted[0].data).toMatchObject({ contactId, outcome: 'connected', durationSec: 300 });

    const close = contact.getByRole('form', { name: 'Закрытие контакта' });
    await close.getByLabel('Причина закрытия').selectOption('stage_4');
    await close.getByRole('checkbox', { name: '4' }).check();
    await close.getByLabel('Использованные инструменты').fill('functional_card, video_consultant');
    await close.getByRole('button', { name: 'Закрыть контакт' }).click();
    await contact.waitFor({ state: 'detached' });
    const closed = (await historyTypes()).filter((e: { type: string }) => e.type === 'ContactClosed');
    expect(closed).toHaveLength(1);
    expect(closed[0].data).toMatchObject({
      contactId,
      closingReason: 'stage_4',
      stages: [4],
      instrumentsUsed: ['functional_card', 'video_consultant'],
    });
    await page.screenshot({ path: join(shots, 'kpp-client-card.png'), fullPage: true });

    // a promise from a client who owes nothing: the API's 409 rule, in Russian, and nothing recorded
    const promise = page.getByRole('form', { name: 'Обещание оплаты' });
    await promise.getByLabel('Дата оплаты').fill('2026-03-10');
    await promise.getByRole('button', { name: 'Записать обещание' }).click();
    await promise.getByRole('alert').getByText('Долга нет — обещать оплату нечего.').waitFor();
    expect(
      (await historyTypes()).filter((e: { type: string }) => e.type === 'PaymentPromiseRecorded'),
    ).toHaveLength(0);
    await page.context().close();
  });

  it('the day picker moves the planner from day to day, by button or by date', async () => {
    const page = await newPage(browser);
    await signInWithToken(page, kpp());
    await page.getByRole('caption').getByText('Задачи на 2026-03-02').waitFor();
    await page.getByRole('button', { name: 'Следующий день →' }).click();
    await page.waitForURL(`${base}/console/kpp?date=2026-03-03`);
    await page.getByText('Задачи на 2026-03-03').waitFor();
    await page.getByLabel('День').fill('2026-03-02');
    await page.waitForURL(`${base}/console/kpp?date=2026-03-02`);
    await page.getByText('Задачи на 2026-03-02').waitFor();
    await page.context().close();
  });

  it('a КПП has no ПМ page: not in the navigation, refused at its address', async () => {
    const page = await newPage(browser);
    await signInWithToken(page, kpp());
    await page.waitForURL(`${base}/console/kpp`);
    const nav = page.getByRole('navigation', { name: 'Разделы' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['Ежедневник КПП']);
    await page.goto(`${base}/console/pm`);
    await page.getByText('Этот раздел недоступен для вашей роли.').waitFor();
    await expect(page.getByRole('heading', { name: /Очередь ПМ/ }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('a ПМ signs in with the development form, sees the handed-over client with its handover sheet and records competitor diagnostics', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/console`);
    const form = page.getByRole('form', { name: /Вход для разработки/ });
    await form.getByLabel('Сотрудник').fill('pm-1');
    await form.getByLabel('РИЦ').fill('444');
    await form.getByLabel('Роль').selectOption('PM');
    await form.getByRole('button', { name: 'Получить токен и войти' }).click();
    await page.waitForURL(`${base}/console/pm`);
    const threat = page.locator('.queue-item', { hasText: 'Клиент c-2' }).filter({ hasText: 'Угроза' });
    await threat.getByRole('button', { name: 'Лист передачи' }).click();
    await threat.getByText('обещают оплатить после проверки').waitFor();
    await expect(threat.locator('.sheet').getByText('Передан вручную').count()).resolves.toBe(1);
    await page.screenshot({ path: join(shots, 'pm-queue.png'), fullPage: true });

    // the half-yearly competitor diagnostics of c-2, recorded from its queue item
    const diagnostics = page
      .locator('.queue-item', { hasText: 'Клиент c-2' })
      .filter({ hasText: 'Диагностика конкурентов' });
    await diagnostics.getByText('Записать диагностику конкурентов').click();
    const diagnosticsForm = diagnostics.getByRole('form', { name: 'Диагностика конкурентов' });
    await diagnosticsForm.getByLabel('Есть система конкурента?').selectOption('yes');
    await diagnosticsForm.getByLabel('Какие системы (через запятую)').fill('Гарант');
    await diagnosticsForm.getByRole('button', { name: 'Записать диагностику' }).click();
    await diagnostics.waitFor({ state: 'detached' });
    const history = await ledger
      .http()
      .get('/api/v1/clients/c-2/history')
      .set(ledger.auth('pm-1', 'PM'))
      .expect(200);
    const diagnosed = history.body.events.filter((e: { type: string }) => e.type === 'CompetitorDiagnosed');
    expect(diagnosed).toHaveLength(1);
    expect(diagnosed[0].data).toMatchObject({ competitor: 'yes', competitors: ['Гарант'] });
    await page.context().close();
  });

  it('a token the service did not sign is refused at sign-in (401), and nothing is shown', async () => {
    const page = await newPage(browser);
    const forged = new JwtService({ secret: 'another-secret-of-at-least-thirty-two-characters' }).sign(
      { sub: 'kpp-1', ric: '444', roles: ['KPP'] },
      { algorithm: 'HS256', expiresIn: '1h' },
    );
    await signInWithToken(page, { Authorization: `Bearer ${forged}` });
    await page.getByRole('alert').filter({ hasText: 'войдите снова' }).first().waitFor();
    await expect(page.getByRole('navigation', { name: 'Разделы' }).count()).resolves.toBe(0);
    await expect(page.evaluate('sessionStorage.length')).resolves.toBe(0);
    await page.context().close();
  });

  it('another РИЦ’s КПП of the same id sees none of this РИЦ’s planner', async () => {
    const page = await newPage(browser);
    await signInWithToken(page, ledger.auth('kpp-1', 'KPP', '555'));
    await page.waitForURL(`${base}/console/kpp`);
    await page.getByText('На этот день задач нет.').waitFor();
    await expect(page.getByText('Клиент c-1').count()).resolves.toBe(0);
    await page.context().close();
  });
});
