// scripts/serve.mjs — a small static server for dist/ (used by scripts/start and the browser tests).
// Right MIME types (application/wasm), the security headers the app is meant to be served with,
// no directory listings, nothing outside the root. Node built-ins only.
//
//   node scripts/serve.mjs [--root DIR] [--port N] [--host 127.0.0.1] [--frame-ancestors "'self' https://a.example"]
//                          [--csp-extra "frame-src https://app.example; script-src https://app.example"]
//                          [--cors https://app.example] [--permissions-policy "screen-wake-lock=(self)"]
//                          [--no-precompressed]
//
// A file with a precompressed copy beside it (NAME.br, NAME.gz: scripts/finalize-dist.mjs) is answered
// with the copy the request's Accept-Encoding allows, brotli first, with Content-Encoding and
// Vary: Accept-Encoding, unless the copy is older than the file (changed after the build: the file
// is sent); --no-precompressed serves every file as it is (a host without them).
//
// Prints "serving DIR on http://HOST:PORT/" once listening; stops on SIGINT/SIGTERM.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    root: { type: 'string', default: 'dist' },
    port: { type: 'string', default: process.env.PORT || '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'frame-ancestors': { type: 'string', default: "'self'" },
    quiet: { type: 'boolean', default: false },
    // Extra CSP sources, e.g. "frame-src http://127.0.0.1:8081; script-src http://127.0.0.1:8081":
    // added to the named directives (a page that embeds the app, a clinic's content origin).
    'csp-extra': { type: 'string', default: '' },
    // Access-Control-Allow-Origin for every response (a clinic's content file fetched by the app).
    cors: { type: 'string', default: '' },
    // Replaces the Permissions-Policy, e.g. for a page that embeds the app and delegates the wake lock:
    // "screen-wake-lock=(self \"https://app.example\")".
    'permissions-policy': { type: 'string', default: '' },
    'no-precompressed': { type: 'boolean', default: false },
  },
});

const root = path.resolve(options.root);

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// The headers documented for hosting: a strict CSP (no inline code, wasm allowed), no sniffing,
// no referrer, and only the browser features the app uses.
export function securityHeaders(frameAncestors) {
  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "manifest-src 'self'",
      "worker-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${frameAncestors}`,
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'screen-wake-lock=(self), camera=(), microphone=(), geolocation=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

// The clinic kit's page shows the patient app beside its form (its live preview, same origin): only
// that page may frame anything, and only this site.
export function pageHeaders(pathname, headers) {
  if (!/\/clinic\.html$/.test(pathname)) return {};
  return { 'Content-Security-Policy': addCspSources(headers['Content-Security-Policy'], "frame-src 'self'") };
}

// Adds "directive source..." pairs (separated by ';') to a CSP: to an existing directive's sources,
// or as a new directive. Only plain source expressions are accepted, so nothing can loosen 'none'
// into something unexpected by accident (a quoted keyword other than 'self' is refused).
export function addCspSources(csp, extra) {
  const directives = csp.split(';').map((part) => part.trim().split(/\s+/)).filter((d) => d[0]);
  for (const part of extra.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    if (!/^[a-z-]+$/.test(name) || sources.some((s) => s.startsWith("'") && s !== "'self'"))
      throw new Error(`--csp-extra: refusing "${part.trim()}"`);
    const existing = directives.find((d) => d[0] === name);
    if (existing) {
      if (existing[1] === "'none'") existing.splice(1, 1);
      existing.push(...sources);
    } else {
      directives.push([name, ...sources]);
    }
  }
  return directives.map((d) => d.join(' ')).join('; ');
}

// The encodings a request accepts, from its Accept-Encoding ("br;q=1.0, gzip, *;q=0"): a name with
// q=0 is refused; "*" stands for any encoding not named.
export function acceptedEncodings(header = '') {
  const named = new Map();
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    named.set(name, q ? Number(q.slice(2)) : 1);
  }
  const allows = (name) => (named.has(name) ? named.get(name) > 0 : (named.get('*') ?? 0) > 0);
  return ['br', 'gzip'].filter(allows);
}

const SUFFIX = { br: '.br', gzip: '.gz' };

const headers = securityHeaders(options['frame-ancestors']);
if (options['permissions-policy']) headers['Permissions-Policy'] = options['permissions-policy'];
if (options.cors) {
  headers['Access-Control-Allow-Origin'] = options.cors;
  headers.Vary = 'Origin';
}
if (options['csp-extra']) headers['Content-Security-Policy'] = addCspSources(headers['Content-Security-Policy'], options['csp-extra']);

const server = createServer(async (request, response) => {
  const send = (status, body, extra = {}) => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed', { Allow: 'GET, HEAD' });
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  } catch {
    return send(400, 'bad request');
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.resolve(root, '.' + pathname);
  if (file !== root && !file.startsWith(root + path.sep)) return send(404, 'not found');
  try {
    const info = await stat(file);
    if (!info.isFile()) return send(404, 'not found');
    const type = MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    // The precompressed copy the request accepts, if one is beside the file.
    let body = file, encoding = null, size = info.size;
    const compressible = !options['no-precompressed'] && !/\.(br|gz)$/.test(file);
    if (compressible) {
      for (const name of acceptedEncodings(request.headers['accept-encoding'])) {
        const copy = await stat(file + SUFFIX[name]).catch(() => null);
        // A copy older than its file is stale (the file was changed after the build): not sent.
        if (copy && copy.isFile() && copy.mtimeMs >= info.mtimeMs) {
          body = file + SUFFIX[name];
          encoding = name;
          size = copy.size;
          break;
        }
      }
    }
    // Every file is revalidated: names carry no version and the page checks its scripts against
    // integrity hashes, so a stale script from the HTTP cache would be refused. Unchanged: a 304.
    // Each encoding is its own representation, with its own ETag.
    const etag = `"${size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${encoding ? '-' + encoding : ''}"`;
    const cacheHeaders = { 'Cache-Control': 'no-cache', ETag: etag };
    if (compressible) cacheHeaders.Vary = headers.Vary ? `${headers.Vary}, Accept-Encoding` : 'Accept-Encoding';
    if (encoding) cacheHeaders['Content-Encoding'] = encoding;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { ...headers, ...pageHeaders(pathname, headers), ...cacheHeaders });
      response.end();
      if (!options.quiet) console.log(`304 ${request.method} ${pathname}`);
      return;
    }
    const bytes = await readFile(body);
    response.writeHead(200, { ...headers, ...pageHeaders(pathname, headers), 'Content-Type': type, 'Content-Length': bytes.length, ...cacheHeaders });
    response.end(request.method === 'HEAD' ? undefined : bytes);
    if (!options.quiet) console.log(`${response.statusCode} ${request.method} ${pathname}${encoding ? ' (' + encoding + ')' : ''}`);
  } catch {
    send(404, 'not found');
  }
});

server.listen(Number(options.port), options.host, () => {
  const { port } = server.address();
  console.log(`serving ${root} on http://${options.host}:${port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
