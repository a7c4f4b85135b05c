// The app skeleton, the parts that need Chromium's own tools (a pixel-ratio change through CDP, a
// script blocked by a route) or no browser at all (the server's headers, checked once).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DESKTOP, newPage, openApp, settle, state, useServerAndBrowser } from './harness.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

test('a change of device pixel ratio re-renders crisply', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, server.url);
  const cdp = await page.raw.context().newCDPSession(page.raw);
  // The same size: only the ratio changes, so no resize event tells the app (as on some zooms).
  const size = page.viewportSize();
  await cdp.send('Emulation.setDeviceMetricsOverride', { ...size, deviceScaleFactor: 2, mobile: false });
  await page.waitForFunction(() => window.calfcoach.state().dpr === 2, null, { timeout: 5000 });
  await settle(page);
  const canvas = await page.evaluate(() => ({ width: document.getElementById('canvas').width, css: innerWidth }));
  assert.equal(canvas.width, canvas.css * 2);
  const item = (await state(page)).items.find((candidate) => candidate.id === 'home.start');
  assert.ok(item.h >= 44, 'sizes stay in CSS pixels after the change');
  await page.close();
});

test('the page has a real heading and description before the app runs', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.raw.route('**/app.js', (route) => route.abort());
  await page.goto(server.url);
  assert.equal(await page.raw.textContent('h1'), 'Calf Coach');
  assert.ok(await page.raw.isVisible('.intro p'));
  await page.raw.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  assert.match(await page.raw.textContent('#notice'), /could not be loaded/);
  await page.close();
});

test('the server sends wasm with its MIME type and the security headers', async () => {
  const wasm = await fetch(new URL('app.wasm', server.url));
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const html = await fetch(server.url);
  const csp = html.headers.get('content-security-policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(html.headers.get('referrer-policy'), 'no-referrer');
  assert.equal((await fetch(new URL('../../etc/passwd', server.url))).status, 404);
});

test('every file is revalidated (no-cache + ETag, 304 when unchanged), so no stale script meets a new hash', async () => {
  for (const name of ['index.html', 'boot.js', 'app.js', 'app.wasm', 'style.css']) {
    const first = await fetch(new URL(name, server.url));
    assert.equal(first.status, 200, name);
    assert.equal(first.headers.get('cache-control'), 'no-cache', name);
    const etag = first.headers.get('etag');
    assert.ok(etag, `${name} has an ETag`);
    const again = await fetch(new URL(name, server.url), { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304, name);
    assert.match(again.headers.get('content-security-policy'), /default-src 'none'/, `${name}: headers on a 304 too`);
    const other = await fetch(new URL(name, server.url), { headers: { 'If-None-Match': '"0-0"' } });
    assert.equal(other.status, 200, `${name}: another ETag gets the file`);
  }
});
