import type { NextFunction, Request, Response } from 'express';
import { Logger, destination, pino } from 'pino';

/**
 * The service's one logger: JSON lines on stdout, written asynchronously (lines that come while a
 * write is under way go out together in the next; the rest is flushed on exit). Under load the
 * synchronous write of every request's line was a measurable share of the CPU (issue 13).
 */
export function serviceLogger(level: string, asynchronous = true): Logger {
  return asynchronous ? pino({ level }, destination({ dest: 1, sync: false })) : pino({ level });
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
