import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { ClientHistory, TestLedger, clientBody, startTestLedger, usageWeek } from '@ledger/test-support';
import { MSK, activateClient, moveClock, registerClient } from '../../api/src/testing/steps';
import { buildConsole, chromiumPath, listen, newPage, screenshotFolder } from './browser';

const CHROMIUM = chromiumPath();
if (!CHROMIUM) {
  process.stderr.write(
    `console auditor/analyst browser tests skipped: no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}\n`,
  );
}
const describeInBrowser = CHROMIUM ? describe : describe.skip;
// a browser step may wait 15 s on a loaded 2-core machine (browser.ts); a test has several
jest.setTimeout(90_000);
const DOCS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
/** README's screenshots are rewritten only when asked (UPDATE_SCREENSHOTS=1): a test run leaves git clean. */
const toDocs = (from: string, name: string) => {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(from, join(DOCS, name));
};

/**
 * The auditor's and analyst's pages in headless Chromium against the whole service (manual clock).
 * c-1 (РИЦ 444): a connected call on 2 March, a promise on 10 March, and on 11 March a second
 * invoice that hands it to the ПМ by rule (debt 2.8 months). c-9 of РИЦ 555 has a connected call
 * too, by kpp-9: it must never show in 444. Screenshots go to test-output/console-auditor-analyst/.
 */
describeInBrowser('web console in a browser (auditor and analyst)', () => {
  let ledger: TestLedger;
  let browser: Browser;
  let base: string;
  let contactId: string;
  const shots = screenshotFolder('console-auditor-analyst');
  const ros = (ric = '444') => ledger.auth('ros-1', 'ROS', ric);
  const auditor = () => ledger.auth('rkpp-1', 'RKPP');
  const analyst = () => ledger.auth('an-1', 'ANALYST');

  /** A contact of the client with one connected 5-minute call (and before it, one unanswered dial). */
  const connectedCall = async (clientId: string, kpp: { Authorization: string }) => {
    const planned = await ledger
      .http()
      .post(`/api/v1/clients/${clientId}/contacts`)
      .set(kpp)
      .send({ kind: 'unplanned', reason: 'hot_news', plannedAt: MSK('2026-03-02T09:00:00') })
      .expect(201);
    for (const [outcome, durationSec] of [
      ['no_answer', 0],
      ['connected', 300],
    ] as const)
      await ledger
        .http()
        .post(`/api/v1/clients/${clientId}/contacts/${planned.body.contactId}/attempts`)
        .set(kpp)
        .send({ outcome, occurredAt: MSK('2026-03-02T09:30:00'), durationSec })
        .expect(201);
    return planned.body.contactId as string;
  };

  beforeAll(async () => {
    buildConsole();
    ledger = await startTestLedger({ clockStart: MSK('2026-03-02T07:00:00') });
    base = await listen(ledger);
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    await registerClient(ledger, 'c-1');
    await moveClock(ledger, '2026-03-02T09:00:00');
    await activateClient(ledger, 'c-1');
    await moveClock(ledger, '2026-03-02T10:00:00');
    contactId = await connectedCall('c-1', ledger.auth('kpp-1', 'KPP'));
    // fee 10 000 ₽: 15 000 ₽ invoiced is 1.5 months of debt
    await ledger
      .http()
      .post('/api/v1/clients/c-1/invoices')
      .set(ros())
      .send({ invoiceId: 'i1', amount: 15000, issuedOn: '2026-03-01' })
      .expect(201);
    await moveClock(ledger, '2026-03-10T10:00:00');
    await ledger
      .http()
      .post('/api/v1/clients/c-1/payment-promises')
      .set(ledger.auth('kpp-1', 'KPP'))
      .send({ promisedOn: '2026-03-20', remind: true })
      .expect(201);
    await moveClock(ledger, '2026-03-11T10:00:00');
    // another 13 000 ₽: 2.8 months — handed over to the ПМ by rule at once
    await ledger
      .http()
      .post('/api/v1/clients/c-1/invoices')
      .set(ros())
      .send({ invoiceId: 'i2', amount: 13000, issuedOn: '2026-03-11' })
      .expect(201);
    // РИЦ 555: a client with a connected call of its own КПП, kpp-9
    await ledger
      .http()
      .post('/api/v1/clients')
      .set(ros('555'))
      .send(clientBody('c-9', { kppId: 'kpp-9' }))
      .expect(201);
    for (const step of ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'])
      await ledger
        .http()
        .post('/api/v1/clients/c-9/transfer-steps')
        .set(ros('555'))
        .send({ step })
        .expect(201);
    await connectedCall('c-9', ledger.auth('kpp-9', 'KPP', '555'));
    // segments of weeks 16 and 23 February, 2 March [000]: s1 of kpp-1, s2 of kpp-2
    const day = (date: string) => `${date}T07:00:00Z`;
    const s1 = new ClientHistory('444', 's1').register(day('2026-01-01'), { kppId: 'kpp-1' });
    s1.add('UsageObserved', usageWeek('2026-02-16', { logins: 3 }), day('2026-02-23'))
      .add('UsageObserved', usageWeek('2026-02-23', { logins: 0, hotlineRequests: 1 }), day('2026-03-02'))
      .add('UsageObserved', usageWeek('2026-03-02', { logins: 0 }), day('2026-03-09'));
    const s2 = new ClientHistory('444', 's2').register(day('2026-01-01'), { kppId: 'kpp-2' });
    s2.add('UsageObserved', usageWeek('2026-02-16', { logins: 0 }), day('2026-02-23'))
      .add('UsageObserved', usageWeek('2026-02-23', { logins: 3 }), day('2026-03-02'))
      .add('UsageObserved', usageWeek('2026-03-02', { logins: 3 }), day('2026-03-09'));
    const x = new ClientHistory('555', 's9').register(day('2026-01-01'), { ric: '555', kppId: 'kpp-9' });
    x.add('UsageObserved', usageWeek('2026-02-16', { logins: 3 }), day('2026-02-23'));
    for (const h of [s1, s2, x]) await h.save(ledger.runtime.store);
    await ledger.runtime.settle();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  const signIn = async (page: Page, header: { Authorization: string }) => {
    await page.goto(`${base}/console`);
    await page.getByLabel('Токен доступа').fill(header.Authorization.replace('Bearer ', ''));
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
  };
  /** Retries a read of the page until it answers `want` (the page re-renders after its API calls). */
  const until = async <T>(read: () => Promise<T>, want: T): Promise<T> => {
    let seen = await read();
    for (let i = 0; i < 80 && JSON.stringify(seen) !== JSON.stringify(want); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await read();
    }
    return seen;
  };
  /** The API's answer as raw bytes, as a browser would download it. */
  const rawBytes = async (path: string, header: { Authorization: string }) => {
    const res = await fetch(`${base}${path}`, { headers: header });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it('an auditor draws the sample, replays a client’s timeline as of a past instant and submits a review', async () => {
    const page = await newPage(browser);
    await signIn(page, auditor());
    await page.waitForURL(`${base}/console/auditor`);
    const sample = page.getByRole('form', { name: 'Выборка звонков для аудита' });
    await sample.getByLabel('С').fill('2026-03-01');
    await sample.getByLabel('По').fill('2026-03-31');
    await sample.getByRole('button', { name: 'Выбрать звонки' }).click();
    // one connected call in 444 this month: the stratum's one drawn call; c-9 of 555 is not there
    await page.getByRole('status').getByText('Выбрано звонков: 1 из 1.').waitFor();
    await expect(page.getByRole('link', { name: 'Клиент c-9' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Клиент c-1' }).click();
    await page.waitForURL(`${base}/console/auditor?client=c-1&contact=${contactId}`);

    // the timeline: every event of the history, in order; the automatic handover with its rule and why
    const history = (await ledger.http().get('/api/v1/clients/c-1/history').set(auditor()).expect(200)).body
      .events as Array<{ type: string; streamVersion: number; metadata: { rule?: string } }>;
    const timeline = page.getByRole('list', { name: 'События клиента' });
    await timeline.locator('li.timeline-event').first().waitFor();
    await expect(timeline.locator('li.timeline-event .event-head code').allTextContents()).resolves.toEqual(
      history.map((e) => e.type),
    );
    const handover = timeline.locator('li.automatic', { hasText: 'HandedOverToPM' });
    await expect(handover.locator('.event-why code').textContent()).resolves.toBe(
      'receivables.debt_limit_reached',
    );
    await expect(handover.locator('.explanation').textContent()).resolves.toMatch(
      /^Передан ПМ: долг достиг 2,8 месяца/,
    );

    // as of now (after the last event) the ПМ answers; as of the connected call, the КПП did
    const asOf = page.locator('table.as-of-table');
    const responsible = asOf.getByRole('row', { name: /^Ответственный/ });
    await responsible.getByRole('cell', { name: 'ПМ pm-1' }).first().waitFor();
    const lastCall = history.filter((e) => e.type === 'CallAttempted').pop()!;
    await page
      .getByRole('button', { name: `Состояние на этот момент: событие № ${lastCall.streamVersion}` })
      .click();
    await expect(
      until(() => responsible.getByRole('cell').allTextContents(), ['КПП kpp-1', 'ПМ pm-1']),
    ).resolves.toEqual(['КПП kpp-1', 'ПМ pm-1']);
    await expect(responsible.getAttribute('class')).resolves.toBe('changed');
    // the slider moves by keyboard: Home is the registration (its own instant), a mere candidate then
    await page.getByLabel('После события').focus();
    await page.keyboard.press('Home');
    const status = () =>
      asOf
        .getByRole('row', { name: /^Статус/ })
        .getByRole('cell')
        .allTextContents();
    await expect(until(status, ['Кандидат', 'У ПМ'])).resolves.toEqual(['Кандидат', 'У ПМ']);
    await page.screenshot({ path: join(shots, 'auditor-timeline.png'), fullPage: true });

    // the review: one item left unscored → the API's 400 stands next to that item, nothing recorded
    const review = page.getByRole('form', { name: 'Оценка звонка по чек-листу' });
    await expect(review.getByLabel('Контакт').inputValue()).resolves.toBe(contactId);
    await review.getByLabel('Лист чек-листа').selectOption('payment');
    const items = review.locator('fieldset.score');
    await expect(items.count()).resolves.toBe(4);
    for (const [n, score] of [
      [0, '2 — выполнено'],
      [1, '2 — выполнено'],
      [2, '1 — частично'],
    ] as const)
      await items.nth(n).getByLabel(score).check();
    await review.getByRole('button', { name: 'Записать оценку' }).click();
    await items
      .nth(3)
      .locator('.field-error')
      .getByText(/broken_date/)
      .waitFor();
    await expect(items.nth(0).locator('.field-error').count()).resolves.toBe(0);
    const reviews = () =>
      ledger.http().get('/api/v1/reviews?from=2026-03-01&to=2026-03-31').set(auditor()).expect(200);
    expect((await reviews()).body.items).toEqual([]);

    await items.nth(3).getByLabel('0 — не выполнено').check();
    await review.getByLabel('Комментарий').fill('дата оплаты названа, о прошлой просрочке не спросил');
    await review.getByRole('button', { name: 'Записать оценку' }).click();
    await review
      .getByRole('status')
      .getByText(/^Оценка записана/)
      .waitFor();
    await timeline.locator('li.timeline-event', { hasText: 'CallReviewed' }).waitFor();
    const recorded = (await reviews()).body.items;
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      clientId: 'c-1',
      contactId,
      employeeId: 'kpp-1',
      sheet: 'payment',
      scores: { invoice_received: 2, payment_date: 2, next_call: 1, broken_date: 0 },
      reviewerId: 'rkpp-1',
    });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(shots, 'auditor.png') });
    toDocs(join(shots, 'auditor.png'), 'auditor.png');
    await page.context().close();
  });

  it('an auditor of РИЦ 444 cannot open a client of РИЦ 555 by its number', async () => {
    const page = await newPage(browser);
    await signIn(page, auditor());
    await page.waitForURL(`${base}/console/auditor`);
    await page.getByLabel('Номер клиента').fill('c-9');
    await page.getByRole('button', { name: 'Показать историю' }).click();
    await page.getByRole('alert').getByText('Не найдено.').waitFor();
    await expect(page.getByRole('list', { name: 'События клиента' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('an analyst sees the call funnel as a chart and a table and downloads the same CSV as the API’s', async () => {
    const page = await newPage(browser);
    await signIn(page, analyst());
    await page.waitForURL(`${base}/console/analyst`);
    // the API's default period, this month up to the service's today, fills the pickers
    await expect(until(() => page.getByLabel('С', { exact: true }).inputValue(), '2026-03-01')).resolves.toBe(
      '2026-03-01',
    );
    await expect(page.getByLabel('По', { exact: true }).inputValue()).resolves.toBe('2026-03-11');
    // c-1's two dials, one connected over 4 minutes — by kpp-1 only; kpp-9 of 555 is not counted
    const table = page.getByRole('table', { name: 'Воронка звонков' });
    const kpp1 = table.getByRole('row', { name: /^kpp-1/ });
    await expect(kpp1.getByRole('cell').allTextContents()).resolves.toEqual([
      'kpp-1',
      '2',
      '1',
      '1',
      '0,5',
      '0,5',
      '1',
      '300',
      '—',
    ]);
    await expect(page.getByText('kpp-9').count()).resolves.toBe(0);
    const bars = page.locator('figure.chart svg rect.bar');
    await expect(bars.count()).resolves.toBe(3);
    await expect(bars.first().getAttribute('height')).resolves.not.toBe('0');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('call-funnel.csv');
    const downloaded = readFileSync((await download.path())!);
    expect(downloaded.equals(await rawBytes('/api/v1/reports/call-funnel?format=csv', analyst()))).toBe(true);
    await page.screenshot({ path: join(shots, 'analyst-call-funnel.png'), fullPage: true });

    // segment dynamics over a picked period: the coloured clients × weeks and the index line
    await page.getByRole('link', { name: 'Динамика сегментов' }).click();
    await page.getByRole('heading', { level: 2, name: 'Динамика сегментов' }).waitFor();
    await page.getByLabel('С', { exact: true }).fill('2026-02-16');
    await page.getByLabel('По', { exact: true }).fill('2026-03-08');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL(`${base}/console/analyst?report=segment-dynamics&from=2026-02-16&to=2026-03-08`);
    const segments = page.getByRole('table', { name: /Сегменты клиентов/ });
    const json = (
      await ledger
        .http()
        .get('/api/v1/reports/segment-dynamics?from=2026-02-16&to=2026-03-08')
        .set(analyst())
        .expect(200)
    ).body as { weeks: string[]; clients: Array<{ clientId: string; segments: Array<string | null> }> };
    expect(json.clients.map((c) => c.clientId)).toEqual(['s1', 's2']);
    for (const client of json.clients) {
      const cells = segments
        .getByRole('row', { name: new RegExp(`^${client.clientId}`) })
        .locator('td.segment');
      // the page re-renders once the picked period's answer is in: read until it shows
      const want = client.segments.map((s) => (s ? `segment segment-${s}` : 'segment'));
      await expect(
        until(() => cells.evaluateAll((tds) => tds.map((td) => td.className)), want),
      ).resolves.toEqual(want);
    }
    await expect(segments.getByRole('row', { name: /^s9/ }).count()).resolves.toBe(0);
    await page.locator('figure.chart canvas').first().waitFor();
    const [segmentsCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать CSV' }).click(),
    ]);
    expect(
      readFileSync((await segmentsCsv.path())!).equals(
        await rawBytes(
          '/api/v1/reports/segment-dynamics?from=2026-02-16&to=2026-03-08&format=csv',
          analyst(),
        ),
      ),
    ).toBe(true);
    await page.screenshot({ path: join(shots, 'analyst.png'), fullPage: true });
    toDocs(join(shots, 'analyst.png'), 'analyst.png');
    await page.context().close();
  });

  it('an analyst opens every report: its picker, a table or an empty note, never an error; workload against its norm', async () => {
    const page = await newPage(browser);
    await signIn(page, analyst());
    await page.waitForURL(`${base}/console/analyst`);
    const reports = page.getByRole('navigation', { name: 'Отчёты' }).getByRole('link');
    const titles = await reports.allTextContents();
    expect(titles).toHaveLength(12);
    for (const title of titles) {
      await reports.filter({ hasText: title }).click();
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
      await page.locator('.report-view table.report, .report-view p.muted').first().waitFor();
      await expect(page.locator('.report-view [role="alert"]').count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Скачать CSV' }).count()).resolves.toBe(1);
    }
    // workload today: one bar per employee of the API's answer, the norm as a dashed line at 100 %
    await reports.filter({ hasText: 'Загрузка против норм' }).click();
    const workload = (await ledger.http().get('/api/v1/reports/workload').set(analyst()).expect(200))
      .body as {
      date: string;
      items: Array<{ employeeId: string; load: number }>;
    };
    expect(workload.items.map((i) => i.employeeId)).not.toContain('kpp-9');
    await expect(
      until(() => page.locator('figure.chart svg rect.bar').count(), workload.items.length),
    ).resolves.toBe(workload.items.length);
    await expect(page.locator('figure.chart svg line.reference').count()).resolves.toBe(1);
    // the picker takes the answered day in an effect after the chart's render: wait for it
    await expect(until(() => page.getByLabel('На дату').inputValue(), workload.date)).resolves.toBe(
      workload.date,
    );
    await page.screenshot({ path: join(shots, 'analyst-workload.png'), fullPage: true });
    await page.context().close();
  });
});
