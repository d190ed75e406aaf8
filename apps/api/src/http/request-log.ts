import type { NextFunction, Request, Response } from 'express';
import { Logger, destination, pino } from 'pino';

/** How long a log line may wait in the buffer at most (a busy service fills 4 KiB sooner). */
const FLUSH_EVERY_MS = 100;

/**
 * The service's one logger: JSON lines on stdout, buffered up to 4 KiB or 100 ms and written
 * asynchronously (flushed on exit). Under load one write per request line was a measurable share
 * of the API thread's CPU (issue 13: 4 % after the rest of this change).
 */
export function serviceLogger(level: string, asynchronous = true): Logger {
  if (!asynchronous) return pino({ level });
  const stream = destination({ dest: 1, sync: false, minLength: 4096 });
  let pending = false;
  setInterval(() => {
    if (!pending) return;
    pending = false;
    try {
      stream.flush();
    } catch {
      // ended (the process is exiting; pino flushes it then)
    }
  }, FLUSH_EVERY_MS).unref();
  return pino(
    {
      level,
      hooks: {
        streamWrite: (line) => {
          pending = true;
          return line;
        },
      },
    },
    stream,
  );
}

/** Waits until the lines buffered so far are written (Nest's startup lines before main's own). */
export function flushLog(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

let lastRequestId = 0;

/**
 * One line per request, as pino-http wrote it (`req` {id, method, url}, `correlationId`, `res`
 * {statusCode}, `responseTime` in ms; "request completed", at error level "request errored" for a
 * 5xx, "request aborted" when the client left first), without the two child loggers pino-http
 * builds for every request (ADR 0060, third round). Headers are never logged: no bearer token can
 * reach the logs.
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const id = ++lastRequestId;
    res.once('close', () => {
      const statusCode = res.statusCode;
      const line = {
        req: { id, method: req.method, url: req.originalUrl },
        correlationId: req.headers['x-correlation-id'],
        res: { statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      if (!res.writableFinished) logger.warn(line, 'request aborted');
      else if (statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
