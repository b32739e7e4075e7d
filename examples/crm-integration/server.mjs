//! The example CRM's dev server: serves the integration page (public/), the drop-in client
//! `cil.js` from the installed connects-cil package, and `/config.js`, the page's environment
//! configuration, which says which gadget origin the page trusts (`GADGET_ORIGIN`). A real
//! project has the same three things: its pages, the client, and a per-environment setting of
//! the gadget's origin (production: the b+s Connects origin; tests: the simulated gadget's).
//!
//!   GADGET_ORIGIN=http://127.0.0.1:5199 PORT=3000 node examples/crm-integration/server.mjs
//!
//! Tests start it through `startCrmServer({ gadgetOrigin })` (test/crm.test.mjs).
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PUBLIC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * Starts the dev server on `host` (default localhost: another origin than the gadget's
 * 127.0.0.1) and `port` (0: a free one). `gadgetOrigin` is the one gadget origin the page will
 * accept. Resolves `{ url, close() }`.
 *
 * @param {{ gadgetOrigin: string, host?: string, port?: number }} options
 */
export async function startCrmServer({ gadgetOrigin, host = 'localhost', port = 0 }) {
  if (typeof gadgetOrigin !== 'string' || new URL(gadgetOrigin).origin !== gadgetOrigin) {
    throw new TypeError(`startCrmServer: gadgetOrigin: expected an origin such as 'https://gadget.example.com', got ${JSON.stringify(gadgetOrigin)}`);
  }
  // The client comes from the package, as `npm install connects-cil` puts it in node_modules.
  const cil = fileURLToPath(import.meta.resolve('connects-cil/cil.js'));
  const config = `window.CIL_OPTIONS = ${JSON.stringify({ allowedOrigins: [gadgetOrigin] })};\n`;
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    try {
      let body;
      let file;
      if (pathname === '/config.js') {
        body = config;
        file = 'config.js';
      } else if (pathname === '/cil.js') {
        body = await fs.readFile(cil);
        file = cil;
      } else {
        file = path.join(PUBLIC, pathname === '/' ? 'index.html' : path.normalize(pathname));
        if (!file.startsWith(PUBLIC + path.sep)) throw new Error('outside public/');
        body = await fs.readFile(file);
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    url: `http://${host}:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const crm = await startCrmServer({
    gadgetOrigin: process.env.GADGET_ORIGIN ?? 'http://127.0.0.1:5199',
    port: Number(process.env.PORT ?? 3000),
  });
  console.log(`example CRM on ${crm.url}/ (trusting the gadget at ${process.env.GADGET_ORIGIN ?? 'http://127.0.0.1:5199'})`);
}
