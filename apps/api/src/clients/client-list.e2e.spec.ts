import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

describe('GET /clients: the caller’s РИЦ, filtered, searched and paged', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  let last = '0';
  const register = async (body: Record<string, unknown>, ric = '444') => {
    const res = await ledger
      .http()
      .post('/api/v1/clients')
      .set(ledger.auth('ros-1', 'ROS', ric))
      .send(body)
      .expect(201);
    last = res.body.position;
  };
  const list = async (query: string, auth = ros()) =>
    (await ledger.http().get(`/api/v1/clients?minPosition=${last}&${query}`).set(auth).expect(200)).body;
  const ids = (body: { items: Array<{ clientId: string }> }) => body.items.map((i) => i.clientId);

  beforeAll(async () => {
    ledger = await startTestLedger();
    await register(clientBody('a-1', { name: 'ООО «Ёлочка»', inn: '7701234567', category: 'A' }));
    await register(clientBody('a-2', { name: 'ИП Петров', kppId: 'kpp-2', pmId: 'pm-2' }));
    await register(clientBody('a-3', { name: 'АО Берёза', category: 'C' }));
    await register(clientBody('a-4', { name: 'ООО Ромашка', kppId: 'kpp-2', inn: '500100732259' }));
    // another РИЦ, the same КПП id and a name that matches every search below
    await register(clientBody('a-0', { name: 'ООО Ёлочка-555', inn: '7701234567' }), '555');
    // a-3 owes 25 000 ₽ at 10 000 ₽ a month: 2.5 months
    const debt = await ledger
      .http()
      .post('/api/v1/clients/a-3/invoices')
      .set(ros())
      .send({ invoiceId: 'i-1', amount: 25000, issuedOn: '2026-03-01' })
      .expect(201);
    last = debt.body.position;
    // a-4 goes to its ПМ as a threat: the ПМ answers for it now
    const handover = await ledger
      .http()
      .post('/api/v1/clients/a-4/handovers')
      .set(ledger.auth('kpp-2', 'KPP'))
      .send({ comment: 'не платят' })
      .expect(201);
    last = handover.body.position;
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('lists every client of the РИЦ by id with every field, and never another РИЦ’s', async () => {
    const body = await list('');
    expect(body).toEqual({
      items: [
        {
          clientId: 'a-1',
          name: 'ООО «Ёлочка»',
          inn: '7701234567',
          category: 'A',
          kppId: 'kpp-1',
          pmId: 'pm-1',
          responsible: { role: 'KPP', employeeId: 'kpp-1' },
          lifecycle: 'candidate',
          debtMonths: 0,
          contactNecessity: 0.2,
        },
        expect.objectContaining({ clientId: 'a-2', name: 'ИП Петров', kppId: 'kpp-2', pmId: 'pm-2' }),
        expect.objectContaining({ clientId: 'a-3', category: 'C', debtMonths: 2.5, contactNecessity: 0.3 }),
        expect.objectContaining({
          clientId: 'a-4',
          inn: '500100732259',
          responsible: { role: 'PM', employeeId: 'pm-1' },
        }),
      ],
      nextCursor: null,
    });
    expect(body.items[1]).not.toHaveProperty('inn');
    const other = await list('', ledger.auth('ros-9', 'ROS', '555'));
    expect(ids(other)).toEqual(['a-0']);
  });

  it.each([
    ['kppId=kpp-2', ['a-2', 'a-4']],
    ['pmId=pm-2', ['a-2']],
    ['responsible=PM', ['a-4']],
    ['responsible=KPP', ['a-1', 'a-2', 'a-3']],
    ['lifecycle=candidate', ['a-1', 'a-2', 'a-3', 'a-4']],
    ['lifecycle=active', []],
    ['category=A', ['a-1']],
    ['minDebtMonths=2.5', ['a-3']],
    ['minDebtMonths=2.51', []],
    ['kppId=kpp-1&category=C', ['a-3']],
  ])('filters by %s', async (query, expected) => {
    expect(ids(await list(query))).toEqual(expected);
  });

  it.each([
    ['елочка', ['a-1']],
    ['ЁЛОЧ', ['a-1']],
    ['берез', ['a-3']],
    ['БЕРЁЗА', ['a-3']],
    ['ооо', ['a-1', 'a-4']],
    ['770123', ['a-1']],
    ['732259', ['a-4']],
    ['%', []],
    ['нет такого', []],
  ])('finds %s in name or ИНН, case-insensitive, ё = е, within the РИЦ', async (q, expected) => {
    expect(ids(await list(`q=${encodeURIComponent(q)}`))).toEqual(expected);
  });

  it('shows a КПП their own clients only; naming another КПП is 403', async () => {
    const kpp = ledger.auth('kpp-2', 'KPP');
    expect(ids(await list('', kpp))).toEqual(['a-2', 'a-4']);
    expect(ids(await list('kppId=kpp-2', kpp))).toEqual(['a-2', 'a-4']);
    await ledger.http().get('/api/v1/clients?kppId=kpp-1').set(kpp).expect(403);
    // the same КПП id in another РИЦ sees that РИЦ's client only
    expect(ids(await list('', ledger.auth('kpp-1', 'KPP', '555')))).toEqual(['a-0']);
    // ADMIN and ROS see everyone's
    expect(ids(await list('', ledger.auth('adm', ['KPP', 'ADMIN'])))).toHaveLength(4);
  });

  it('pages with the cursor it answers, by id or by name', async () => {
    const first = await list('limit=3');
    expect(ids(first)).toEqual(['a-1', 'a-2', 'a-3']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`limit=3&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: [expect.objectContaining({ clientId: 'a-4' })], nextCursor: null });

    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ name: string }>; nextCursor: string | null } = await list(
        `sort=name&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      names.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor;
    } while (cursor);
    // the database's collation orders names (and the keyset follows it)
    const ordered: Array<{ name: string }> = await ledger.runtime.readModels.query(
      `SELECT name FROM rm_clients WHERE ric = '444' ORDER BY name, client_id`,
    );
    expect(names).toEqual(ordered.map((r) => r.name));
    expect(new Set(names).size).toBe(4);
  });

  it.each([
    ['limit=501', 'limit'],
    ['limit=0', 'limit'],
    ['limit=x', 'limit'],
    ['minDebtMonths=-1', 'minDebtMonths'],
    ['responsible=ROS', 'responsible'],
    ['lifecycle=gone', 'lifecycle'],
    ['category=D', 'category'],
    ['sort=debt', 'sort'],
    ['cursor=garbage', 'cursor'],
    ['kppId=a%2Fb', 'kppId'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await ledger.http().get(`/api/v1/clients?${query}`).set(ros()).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a cursor of another sort', async () => {
    const byId = await list('limit=1');
    const res = await ledger
      .http()
      .get(`/api/v1/clients?sort=name&cursor=${byId.nextCursor}`)
      .set(ros())
      .expect(400);
    expect(res.body.details[0].field).toBe('cursor');
  });

  it('needs a token', async () => {
    await ledger.http().get('/api/v1/clients').expect(401);
  });
});

describe('GET /clients paged while commands run', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('returns every client exactly once, in order, while others register and pay', async () => {
    const initial = Array.from({ length: 40 }, (_, i) => `p-${String(i).padStart(3, '0')}`);
    let position = '0';
    for (const id of initial) {
      const res = await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody(id)).expect(201);
      position = res.body.position;
    }
    let stop = false;
    // writers: new clients between and after the existing ids, invoices and payments changing debts
    const writers = (async () => {
      for (let n = 0; !stop && n < 200; n++) {
        const id = initial[n % initial.length]!;
        await ledger
          .http()
          .post('/api/v1/clients')
          .set(ros())
          .send(clientBody(`${id}-new${n}`))
          .expect(201);
        await ledger
          .http()
          .post(`/api/v1/clients/${id}/invoices`)
          .set(ros())
          .send({ invoiceId: `i-${n}`, amount: 1000, issuedOn: '2026-03-01' })
          .expect(201);
      }
    })();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Array<{ clientId: string }>; nextCursor: string | null } } = await ledger
        .http()
        .get(`/api/v1/clients?limit=3&minPosition=${position}${cursor ? `&cursor=${cursor}` : ''}`)
        .set(ros())
        .expect(200);
      seen.push(...res.body.items.map((i: { clientId: string }) => i.clientId));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    stop = true;
    await writers;
    expect(pages).toBeGreaterThan(13);
    // every client there before paging began, once; nothing twice; ascending order throughout
    for (const id of initial) expect(seen.filter((s) => s === id)).toEqual([id]);
    expect(new Set(seen).size).toBe(seen.length);
    const ordered: Array<{ client_id: string }> = await ledger.runtime.readModels.query(
      `SELECT client_id FROM rm_clients WHERE ric = '444' AND client_id = ANY($1) ORDER BY client_id`,
      [seen],
    );
    expect(seen).toEqual(ordered.map((r) => r.client_id));
  });
});
