// driver/inject-proxy.mjs — init scripts for an engine whose driver has none (WebKitWebDriver speaks
// classic WebDriver only: no BiDi, no preload scripts). The proxy listens where a test server was
// asked to listen, so origins stay as the test knows them, forwards to the real server, and puts
// one <script src> first in the <head> of every HTML page. That script's text is whatever the page
// under test registered last (tests in a file run one at a time), served from the same origin so
// the page's own CSP ('self') allows it. Nothing else in any response changes.
import http from 'node:http';

export const INIT_PATH = '/__calfcoach_harness/init.js';
let activeInit = '';

// The init source the next page load gets (set by the WebKit page on goto and reload).
export function setActiveInit(source) { activeInit = source; }

function injectTag(html) {
  const tag = `<script src="${INIT_PATH}"></script>`;
  const head = html.match(/<head[^>]*>/i);
  if (head) return html.replace(head[0], `${head[0]}${tag}`);
  const doctype = html.match(/<!doctype[^>]*>/i);
  return doctype ? html.replace(doctype[0], `${doctype[0]}${tag}`) : tag + html;
}

export function startInjectProxy({ host = '127.0.0.1', port = 0, backend }) {
  const target = new URL(backend);
  const server = http.createServer((request, response) => {
    if (request.url.split('?')[0] === INIT_PATH) {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store',
                                'X-Content-Type-Options': 'nosniff' });
      response.end(activeInit);
      return;
    }
    const headers = { ...request.headers, host: target.host };
    delete headers['accept-encoding'];  // bodies the proxy may rewrite come back plain
    // Pages come back whole (never a 304), so each load carries the tag.
    if (/text\/html/.test(request.headers.accept || '')) {
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    const upstream = http.request({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers }, (reply) => {
      const type = String(reply.headers['content-type'] || '');
      if (!type.startsWith('text/html') || reply.statusCode !== 200) {
        response.writeHead(reply.statusCode, reply.headers);
        reply.pipe(response);
        return;
      }
      const chunks = [];
      reply.on('data', (chunk) => chunks.push(chunk));
      reply.on('end', () => {
        const body = Buffer.from(injectTag(Buffer.concat(chunks).toString('utf8')), 'utf8');
        const outHeaders = { ...reply.headers, 'content-length': String(body.length) };
        delete outHeaders.etag;
        response.writeHead(200, outHeaders);
        response.end(request.method === 'HEAD' ? undefined : body);
      });
    });
    upstream.on('error', (error) => {
      response.writeHead(502, { 'Content-Type': 'text/plain' });
      response.end(`proxy: ${error.message}`);
    });
    request.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ url: `http://${host}:${address.port}/`, stop: () => server.close() });
    });
  });
}
