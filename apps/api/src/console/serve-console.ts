import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { INestApplication } from '@nestjs/common';

export const CONSOLE_PATH = '/console';

/**
 * Where `npm run build` put the console's bundle (dist/console): beside the compiled API in
 * dist/, or under the repository root when the API runs from its sources (tests).
 */
export function consoleFolder(): string {
  const candidates = [
    join(__dirname, '..', '..', '..', '..', 'console'),
    join(__dirname, '..', '..', '..', '..', 'dist', 'console'),
  ];
  return candidates.find((folder) => existsSync(join(folder, 'index.html'))) ?? candidates[0]!;
}

/**
 * The web console's static files at /console, outside the API's bearer-token guard (every API
 * call the console makes carries the token). Hashed assets are cached for a year; index.html, the
 * answer to every other path under /console (the console routes in the browser), never is.
 */
export function serveConsole(app: INestApplication, folder = consoleFolder()): void {
  const index = join(folder, 'index.html');
  app.use(
    CONSOLE_PATH,
    express.static(folder, {
      index: false,
      // /console itself is the page, not a redirect to /console/
      redirect: false,
      fallthrough: true,
      setHeaders: (response, path) =>
        response.setHeader(
          'Cache-Control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        ),
    }),
    (request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      // a missing asset is a 404, not the page
      if (request.path.startsWith('/assets/')) return response.status(404).json({ error: 'not found' });
      if (!existsSync(index)) {
        return response.status(404).json({ error: 'the console is not built: run npm run build' });
      }
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    },
  );
}
