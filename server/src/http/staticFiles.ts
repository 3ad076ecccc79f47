import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves the built client. Paths that are not files fall back to index.html, so that
 * /b/<board> opens the app (routing happens in the browser). Hashed assets are cached for a
 * year; index.html never, so a new release reaches everyone on the next load.
 */
export function serveClient(
  clientDir: string,
  pathname: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const root = path.resolve(clientDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    sendText(res, 400, 'Bad path');
    return;
  }
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  // normalize() strips "..", but check anyway: nothing outside the client folder is served.
  const inside = candidate === root || candidate.startsWith(root + path.sep);
  let file = inside && isFile(candidate) ? candidate : path.join(root, 'index.html');
  if (!isFile(file)) {
    sendText(
      res,
      503,
      `The Paja client is not built (looked in ${root}). Run "npm start", or "pnpm build" and start the server again.`,
    );
    return;
  }
  if (path.extname(pathname) !== '' && file.endsWith('index.html') && pathname !== '/index.html') {
    // A missing asset must not be answered with the app's HTML (browsers would try to run it).
    sendText(res, 404, 'Not found');
    return;
  }
  file = path.normalize(file);
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
