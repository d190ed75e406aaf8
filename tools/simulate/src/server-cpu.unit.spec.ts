import { serverCpuSeconds } from './server-cpu';

// The simulator's "server CPU" lines read /proc; without a postmaster (DATABASE_URL) they say n/a.
describe('serverCpuSeconds', () => {
  it('is null without a process, or for one that does not exist', () => {
    expect(serverCpuSeconds(null)).toBeNull();
    expect(serverCpuSeconds(undefined)).toBeNull();
    expect(serverCpuSeconds(2 ** 30)).toBeNull();
  });

  it("counts a process's CPU time: this one's grows as it works", () => {
    const before = serverCpuSeconds(process.pid)!;
    // spin until Node itself counts 50 ms of CPU (ticks are 10 ms), however loaded the machine is
    const start = process.cpuUsage().user;
    let spin = 0;
    while (process.cpuUsage().user - start < 50_000) spin += 1;
    expect(spin).toBeGreaterThan(0);
    expect(serverCpuSeconds(process.pid)!).toBeGreaterThan(before);
  });
});
