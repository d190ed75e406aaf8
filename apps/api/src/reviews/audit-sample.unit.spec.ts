import { AUDIT_SHARE, SampleCall, drawAuditSample } from './audit-sample';

const dateOf = (instant: string) => instant.slice(0, 10);
const calls = (employeeId: string, week: string, n: number): SampleCall[] =>
  Array.from({ length: n }, (_, i) => ({
    clientId: `c-${employeeId}-${week}-${i}`,
    contactId: `k${i}`,
    employeeId,
    occurredAt: `${week}T${String(8 + (i % 8)).padStart(2, '0')}:00:00.000Z`,
  }));
// kpp-1: 10 calls in the week of 2 March and 3 in the week of 9 March; kpp-2: 1 call in the first week
const period: SampleCall[] = [
  ...calls('kpp-1', '2026-03-02', 10),
  ...calls('kpp-1', '2026-03-10', 3),
  ...calls('kpp-2', '2026-03-04', 1),
];
const request = {
  ric: '444',
  from: '2026-03-01',
  to: '2026-03-15',
  seed: '',
  secret: Buffer.alloc(32, 7),
  dateOf,
};
const key = (c: SampleCall) => `${c.clientId}/${c.contactId}`;

describe('the 20 % audit sample', () => {
  it('draws about 20 % of each КПП-week, at least one: 10 → 2, 3 → 1, 1 → 1, so 4 of 14', () => {
    expect(AUDIT_SHARE).toBe(0.2);
    const drawn = drawAuditSample(period, request);
    expect(drawn).toHaveLength(4);
    const count = (employeeId: string, prefix: string) =>
      drawn.filter((c) => c.employeeId === employeeId && c.clientId.includes(prefix)).length;
    expect(count('kpp-1', '2026-03-02')).toBe(2);
    expect(count('kpp-1', '2026-03-10')).toBe(1);
    expect(count('kpp-2', '2026-03-04')).toBe(1);
  });

  it('draws the same calls for the same arguments, whatever order the calls come in', () => {
    const once = drawAuditSample(period, request).map(key);
    const again = drawAuditSample([...period].reverse(), request).map(key);
    expect(again).toEqual(once);
  });

  it('draws differently for another seed, another period or another secret (so it cannot be known in advance)', () => {
    const draws = (n: number, change: (i: number) => Partial<typeof request>) =>
      new Set(
        Array.from({ length: n }, (_, i) =>
          drawAuditSample(period, { ...request, ...change(i) })
            .map(key)
            .join(' '),
        ),
      ).size;
    // 45 ways to pick 2 of the first week's 10 calls: 20 seeds give more than one draw
    expect(draws(20, (i) => ({ seed: `s${i}` }))).toBeGreaterThan(1);
    expect(draws(20, (i) => ({ to: `2026-03-${15 + (i % 10)}` }))).toBeGreaterThan(1);
    expect(draws(20, (i) => ({ secret: Buffer.alloc(32, i) }))).toBeGreaterThan(1);
  });

  it('draws nothing from no calls', () => {
    expect(drawAuditSample([], request)).toEqual([]);
  });
});
