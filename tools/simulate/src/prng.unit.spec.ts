import { createHash } from 'node:crypto';
import { Random } from './prng';

describe('Random (seeded)', () => {
  it('gives the same numbers for the same seed and name, and others for another', () => {
    const draw = (seed: number, name: string) => {
      const rng = new Random(seed, name);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(1, 'client-0')).toEqual(draw(1, 'client-0'));
    expect(draw(1, 'client-0')).not.toEqual(draw(2, 'client-0'));
    expect(draw(1, 'client-0')).not.toEqual(draw(1, 'client-1'));
  });

  it('draws uniformly: 100,000 draws in [0, 1) with mean ½ and each tenth about a tenth', () => {
    const rng = new Random(42);
    const tenths = new Array<number>(10).fill(0);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      tenths[Math.floor(x * 10)]! += 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    // 10,000 expected in each; σ ≈ 95, so 4σ either side
    for (const n of tenths) expect(Math.abs(n - 10_000)).toBeLessThan(400);
  });

  it('keeps whole numbers within both bounds and weights as given', () => {
    const rng = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) seen.add(rng.int(24, 27));
    expect([...seen].sort()).toEqual([24, 25, 26, 27]);
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (rng.weighted({ a: 3, b: 1 }) === 'a') a++;
    // 7,500 expected, σ ≈ 43
    expect(Math.abs(a - 7_500)).toBeLessThan(200);
  });

  it('makes version-4 UUIDs that a seed reproduces (event ids of a rerun are the same)', () => {
    const one = new Random(3, 'ids').uuid();
    expect(one).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Random(3, 'ids').uuid()).toBe(one);
  });

  it('writes the same ids as the concatenating version did (the golden runs keep their event ids)', () => {
    const rng = new Random(3, 'ids');
    expect([rng.uuid(), rng.uuid()]).toEqual([
      '940eaa8b-dbf2-4fb0-af15-904349210d8c',
      '1d6a1e93-3f7e-424e-9d70-d43da7f26ff0',
    ]);
    // 2,000 ids of one client's source, as cf4c480 wrote them
    const client = new Random(1, 'client-7');
    const ids = Array.from({ length: 2_000 }, () => client.uuid()).join(',');
    expect(createHash('sha1').update(ids).digest('hex')).toBe('79085674d29590d84b84131c7aac238cfef4984b');
  });

  it("makes version-7 UUIDs: the instant in their first 48 bits, then the seed's numbers; the draws after them do not shift", () => {
    const at = Date.parse('2026-03-02T09:15:00.000Z');
    const rng = new Random(3, 'ids');
    const id = rng.uuidV7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(new Random(3, 'ids').uuidV7(at)).toBe(id);
    // the same numbers drawn as for a version-4 id: what a client draws next stays the same
    const v4 = new Random(3, 'ids');
    v4.uuid();
    expect(rng.next()).toBe(v4.next());
    // later instants sort later (the store's index is appended to at its end)
    expect(rng.uuidV7(at + 1) > id).toBe(true);
    expect(rng.uuidV7(at + 86_400_000) > rng.uuidV7(at + 1)).toBe(true);
  });

  it('draws exponentials with the mean asked for', () => {
    const rng = new Random(9);
    let sum = 0;
    for (let i = 0; i < 50_000; i++) sum += rng.exponential(40);
    // σ of the mean = 40/√50,000 ≈ 0.18
    expect(Math.abs(sum / 50_000 - 40)).toBeLessThan(0.8);
  });
});
