// Precompressed serving (issue 17): the web build writes NAME.br and NAME.gz beside each text and
// wasm file, and scripts/serve.mjs answers Accept-Encoding with the right copy, Content-Encoding and
// Vary. Checked over HTTP with no browser (every encoding, q=0, 304s, HEAD, a copy asked by name, a
// stale copy),
// then in Chromium: the app starts from a server with the copies and from one without, and with them
// the wasm comes brotli-encoded and is still compiled as application/wasm.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { DESKTOP, distDir, launchBrowser, newPage, openApp, startServer, state } from './harness.mjs';

let server;
let plainServer;
let browser;
before(async () => {
  server = await startServer({ direct: true });
  plainServer = await startServer({ direct: true, precompressed: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
  plainServer?.stop();
});

// GET (or HEAD) a path with the given request headers: {status, headers, body}.
function get(base, pathname, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(pathname, base), { method, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

const decode = { br: brotliDecompressSync, gzip: gunzipSync };

test('the build wrote a smaller .br and .gz beside each text and wasm file, and the service worker precaches neither', async () => {
  for (const name of ['index.html', 'boot.js', 'app.js', 'app.wasm', 'a11y.js', 'style.css', 'sw.js', 'calfcoach-offline.html']) {
    const original = await readFile(path.join(distDir, name));
    const br = await readFile(path.join(distDir, `${name}.br`));
    const gz = await readFile(path.join(distDir, `${name}.gz`));
    assert.ok(br.length < original.length && gz.length < original.length, `${name}: ${original.length} -> br ${br.length}, gz ${gz.length}`);
    assert.ok(brotliDecompressSync(br).equals(original), `${name}.br is the file as it is now`);
    assert.ok(gunzipSync(gz).equals(original), `${name}.gz is the file as it is now`);
  }
  const sw = await readFile(path.join(distDir, 'sw.js'), 'utf8');
  assert.ok(!/\.(br|gz)"/.test(sw), 'no precompressed copy in the precache list');
  assert.match(sw, /"app\.wasm"/);
});

test('serve.mjs answers Accept-Encoding with the copy, Content-Encoding and Vary; otherwise the file as it is', async () => {
  const wasm = await readFile(path.join(distDir, 'app.wasm'));
  const cases = [
    ['gzip, deflate, br', 'br'],
    ['br;q=1.0, gzip;q=0.8', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['gzip;q=0, *;q=0', undefined],
    ['identity', undefined],
    [undefined, undefined],
  ];
  const etags = new Map();
  for (const [accept, expected] of cases) {
    const headers = accept === undefined ? {} : { 'accept-encoding': accept };
    const reply = await get(server.url, '/app.wasm', headers);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-encoding'], expected, `Accept-Encoding: ${accept}`);
    assert.equal(reply.headers['content-type'], 'application/wasm');
    assert.match(reply.headers.vary, /Accept-Encoding/);
    assert.equal(Number(reply.headers['content-length']), reply.body.length);
    const body = expected ? decode[expected](reply.body) : reply.body;
    assert.ok(body.equals(wasm), `Accept-Encoding: ${accept}: the same bytes once decoded`);
    // Each representation has its own ETag, and its own 304.
    etags.set(expected ?? 'identity', reply.headers.etag);
    const again = await get(server.url, '/app.wasm', { ...headers, 'if-none-match': reply.headers.etag });
    assert.equal(again.status, 304);
  }
  assert.equal(new Set(etags.values()).size, 3, JSON.stringify([...etags]));
  // The brotli copy's ETag does not validate the plain file.
  assert.equal((await get(server.url, '/app.wasm', { 'if-none-match': etags.get('br') })).status, 200);
  // HEAD: the headers of the copy, no body.
  const head = await get(server.url, '/index.html', { 'accept-encoding': 'br' }, 'HEAD');
  assert.equal(head.headers['content-encoding'], 'br');
  assert.equal(head.body.length, 0);
  // The security headers are on every representation.
  assert.match(head.headers['content-security-policy'], /default-src 'none'/);
  // A PNG has no copy (it is compressed already); a copy asked for by name is just a file.
  const png = await get(server.url, '/icons/icon-192.png', { 'accept-encoding': 'br, gzip' });
  assert.equal(png.status, 200);
  assert.equal(png.headers['content-encoding'], undefined);
  const byName = await get(server.url, '/app.wasm.br', { 'accept-encoding': 'br' });
  assert.equal(byName.headers['content-encoding'], undefined);
  // A copy older than its file (the file changed after the build) is stale: the file is sent.
  const dir = await mkdtemp(path.join(tmpdir(), 'calfcoach-serving-'));
  try {
    await cp(distDir, dir, { recursive: true, preserveTimestamps: true });
    const changed = Buffer.concat([await readFile(path.join(dir, 'boot.js')), Buffer.from('\n// changed after the build\n')]);
    await writeFile(path.join(dir, 'boot.js'), changed);
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(dir, 'boot.js'), later, later);
    const edited = await startServer({ direct: true, root: dir });
    try {
      const stale = await get(edited.url, '/boot.js', { 'accept-encoding': 'br, gzip' });
      assert.equal(stale.headers['content-encoding'], undefined);
      assert.ok(stale.body.equals(changed), 'the changed file, not its old copy');
      assert.equal((await get(edited.url, '/app.js', { 'accept-encoding': 'br' })).headers['content-encoding'], 'br');
    } finally {
      edited.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // --no-precompressed: the file as it is, whatever the request accepts.
  const plain = await get(plainServer.url, '/app.wasm', { 'accept-encoding': 'br, gzip' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.equals(wasm));
});

for (const [name, which] of [['with precompressed files', () => server], ['without them', () => plainServer]]) {
  test(`the app starts and draws in Chromium ${name}`, async () => {
    const page = await newPage(browser, DESKTOP);
    try {
      const encodings = {};
      page.raw.on('response', (response) => {
        encodings[new URL(response.url()).pathname] = response.headers()['content-encoding'] ?? null;
      });
      await openApp(page, which().url);
      const s = await state(page);
      assert.equal(s.screen, 'home');
      assert.equal(s.webgl, 2);
      const expected = which() === server ? 'br' : null;
      for (const file of ['/', '/boot.js', '/app.js', '/app.wasm']) assert.equal(encodings[file], expected, `${file}: ${JSON.stringify(encodings)}`);
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });
}
