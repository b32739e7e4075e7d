// Shared fixtures for the end-to-end tests: two real origins serving the repository, and the
// system Chromium driven by playwright-core.
//
// Two origins matter: Chromium runs 127.0.0.1 and localhost pages in separate processes, so a host
// page on one and an integration frame on the other is the real cross-origin topology of a CRM page
// beside the b+s Connects gadget.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository root: every server serves it read-only. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/**
 * Starts one static server of the repository (or of the directory `root`) on `host` (port chosen
 * by the OS). `headers(pathname)` may return extra response headers (e.g. a
 * Content-Security-Policy).
 */
export async function startServer(host, { headers = () => ({}), root = ROOT } = {}) {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(root, '.' + rel);
      if (!file.startsWith(path.resolve(root) + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const body = await fs.readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers(url.pathname, url),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address();
  const name = host === '127.0.0.1' ? '127.0.0.1' : 'localhost';
  return { origin: `http://${name}:${port}`, port, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Two servers of the repository on two origins: `originA` on 127.0.0.1, `originB` on localhost.
 * `close()` stops both.
 */
export async function startServers(options = {}) {
  const a = await startServer('127.0.0.1', options);
  const b = await startServer('localhost', options);
  return { originA: a.origin, originB: b.origin, close: async () => { await a.close(); await b.close(); } };
}

/** The system Chromium (never a downloaded one), headless, with the flags this machine needs. */
export function launchBrowser({ extraArgs = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.CIL_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

/** Collects console messages and page errors of a page, for assertions and for failure output. */
export function recordConsole(page) {
  const lines = [];
  page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  return lines;
}
