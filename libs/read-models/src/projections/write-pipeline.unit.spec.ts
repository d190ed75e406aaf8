import { WritePipeline } from './write-pipeline';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WritePipeline: writes sent while a fold goes on', () => {
  it('sends one part after every part of folded events, in order, one at a time', async () => {
    const pipeline = new WritePipeline(3);
    const log: string[] = [];
    let inFlight = 0;
    const write = (part: number) => async () => {
      expect(++inFlight).toBe(1); // never two statements on the connection at once
      log.push(`write ${part}`);
      await later(5);
      inFlight--;
    };
    let part = 0;
    await pipeline.around(async () => {
      // clients of 2, 2, 1 and 4 events: a part once 3 or more are folded
      for (const events of [2, 2, 1, 4]) {
        await pipeline.beforeFold(events, () => pipeline.send(write(++part)));
        log.push(`fold ${events}`);
      }
      pipeline.send(write(++part));
    });
    expect(log).toEqual(['fold 2', 'fold 2', 'write 1', 'fold 1', 'fold 4', 'write 2']);
  });

  it('waits for a write in flight before a failed fold answers, and sends none after a failed write', async () => {
    const pipeline = new WritePipeline(1);
    const log: string[] = [];
    const failing = pipeline.around(async () => {
      pipeline.send(async () => {
        await later(20);
        log.push('slow write done');
      });
      throw new Error('the fold failed');
    });
    await expect(failing).rejects.toThrow('the fold failed');
    expect(log).toEqual(['slow write done']); // done before the rollback could run

    const second = new WritePipeline(1);
    const after = second.around(async () => {
      second.send(async () => {
        throw new Error('the server refused');
      });
      second.send(async () => {
        log.push('sent after a failure');
      });
    });
    await expect(after).rejects.toThrow('the server refused');
    expect(log).toEqual(['slow write done']);
  });
});
