import { backoffDelayMs } from './backoff';
import { KeyedQueue } from './keyed-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  it('runs the tasks of one key one at a time, in arrival order', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((n) => queue.run('k', task(n))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different keys side by side', async () => {
    const queue = new KeyedQueue();
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    };
    await Promise.all([queue.run('a', task), queue.run('b', task), queue.run('c', task)]);
    expect(most).toBe(3);
  });

  it('goes on after a failed task, and hands the failure to its own caller only', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('k', () => Promise.reject(new Error('boom')));
    const next = queue.run('k', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('forgets a key once its queue is empty (memory bounded by the keys busy now)', async () => {
    const queue = new KeyedQueue();
    await Promise.all(Array.from({ length: 1000 }, (_, i) => queue.run(`client-${i % 100}`, async () => i)));
    await tick();
    expect(queue.size).toBe(0);
    const pending = queue.run('x', () => tick());
    expect(queue.size).toBe(1);
    await pending;
    await tick();
    expect(queue.size).toBe(0);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially up to a cap, scaled by the random draw', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, () => 0.999))).toEqual([4, 9, 19, 39]);
    expect(backoffDelayMs(20, () => 0.999)).toBe(249);
    expect(backoffDelayMs(5, () => 0)).toBe(0);
  });
});
