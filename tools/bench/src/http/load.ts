import { Agent, request } from 'node:http';

/** Latencies of requests sent over some slices of time, and how long the slices took together. */
export class LoadTally {
  readonly latencies: number[] = [];
  elapsedMs = 0;
  errors = 0;
  firstError?: string;

  add(run: LoadFigures & { latencies: number[]; elapsedMs: number }): void {
    for (const l of run.latencies) this.latencies.push(l);
    this.elapsedMs += run.elapsedMs;
    this.errors += run.errors;
    this.firstError ??= run.firstError;
  }

  figures(): LoadFigures {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      requests: sorted.length,
      errors: this.errors,
      perSecond: Math.round((sorted.length / this.elapsedMs) * 1000),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      ...(this.firstError ? { firstError: this.firstError } : {}),
    };
  }
}

/** What one timed run of requests came to. */
export interface LoadFigures {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** The first unexpected answer, to say why a run failed. */
  firstError?: string;
}

export interface LoadRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

function send(agent: Agent, port: number, r: LoadRequest): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: r.path,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(r.body),
          ...r.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

/**
 * `connections` keep-alive connections, each sending its next request as soon as the last is answered
 * (a closed loop, like autocannon), for `seconds`; latencies are measured per request.
 */
export async function runLoad(
  port: number,
  connections: number,
  seconds: number,
  next: (connection: number, n: number) => LoadRequest,
  expectStatus = 201,
): Promise<LoadFigures & { latencies: number[]; elapsedMs: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let n = 0; performance.now() < until; n++) {
        const t0 = performance.now();
        try {
          const answer = await send(agent, port, next(c, n));
          if (answer.status !== expectStatus) {
            errors++;
            firstError ??= `${answer.status} ${answer.text.slice(0, 200)}`;
          }
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  const raw = [...latencies];
  latencies.sort((a, b) => a - b);
  return {
    latencies: raw,
    elapsedMs: elapsed,
    requests: latencies.length,
    errors,
    perSecond: Math.round((latencies.length / elapsed) * 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ...(firstError ? { firstError } : {}),
  };
}

/** Sends requests one after another (setting up: registering the clients). */
export async function sendAll(port: number, requests: LoadRequest[], expectStatus = 201): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  try {
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(
        requests.slice(i, i + 8).map(async (r) => {
          const answer = await send(agent, port, r);
          if (answer.status !== expectStatus)
            throw new Error(`${r.path}: ${answer.status} ${answer.text.slice(0, 300)}`);
        }),
      );
    }
  } finally {
    agent.destroy();
  }
}
