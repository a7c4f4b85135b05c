// The app skeleton as a person meets it: it loads cleanly, draws with WebGL2, answers taps and clicks
// where the widgets are, sleeps when nothing changes, stays crisp at any pixel ratio, and says so
// plainly when the browser cannot run it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  DESKTOP, PHONE, analysePixels, newPage, openApp, saveScreenshot, settle, state, tap,
  useServerAndBrowser,
} from './harness.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

for (const device of [DESKTOP, PHONE]) {
  describe(`at ${device.name} size`, () => {
    test('loads with no console errors and draws with WebGL2', async () => {
      const page = await newPage(browser, device);
      await openApp(page, server.url);
      const current = await state(page);
      assert.equal(current.webgl, 2, 'the app must draw through a WebGL2 context');
      assert.equal(current.context_lost, false);
      // Opaque, with no depth or stencil buffer: nothing uses them, and on a phone they would cost
      // screen-sized buffers and a blended canvas.
      const attributes = await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getContextAttributes());
      assert.deepEqual([attributes.alpha, attributes.depth, attributes.stencil], [false, false, false]);
      // index.html preloads the wasm and app.js's fetch takes that response: one request, not two.
      assert.equal(page.requests.filter((url) => new URL(url).pathname.endsWith('/app.wasm')).length, 1, page.requests.join('\n'));
      assert.equal(current.screen, 'home');
      assert.equal(current.dpr, device.deviceScaleFactor);
      // The backing store is CSS size x dpr: crisp text on high-DPI screens.
      const canvas = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
      });
      assert.equal(canvas.width, Math.round(canvas.cssWidth * device.deviceScaleFactor));
      assert.equal(canvas.height, Math.round(canvas.cssHeight * device.deviceScaleFactor));
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('the canvas is not blank and the home menu is there', async () => {
      const page = await newPage(browser, device);
      await openApp(page, server.url);
      const png = await page.screenshot();
      const pixels = await analysePixels(browser, png);
      assert.ok(pixels.differing / pixels.total > 0.05, `only ${pixels.differing} of ${pixels.total} pixels drawn`);
      assert.ok(pixels.colours > 20, `only ${pixels.colours} colours: text is not being drawn`);
      const ids = (await state(page)).items.map((item) => item.id);
      for (const id of ['home.start', 'home.techniques', 'home.learn', 'home.history', 'home.settings'])
        assert.ok(ids.includes(id), `${id} missing from ${ids}`);
      await saveScreenshot(page, 'home');
      await page.context().close();
    });

    test('tapping each menu item opens its screen, and Back returns home', async () => {
      const page = await newPage(browser, device);
      await openApp(page, server.url);
      const targets = { 'home.start': 'safety', 'home.techniques': 'techniques', 'home.learn': 'learn',
                        'home.history': 'history', 'home.settings': 'settings' };
      for (const [id, screen] of Object.entries(targets)) {
        await tap(page, id);
        assert.equal((await state(page)).screen, screen, `tapping ${id}`);
        await saveScreenshot(page, screen);
        await tap(page, 'nav.back');
        assert.equal((await state(page)).screen, 'home', `back from ${screen}`);
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('touch targets are at least 44 CSS px and inside the viewport', async () => {
      const page = await newPage(browser, device);
      await openApp(page, server.url);
      for (const item of (await state(page)).items) {
        assert.ok(item.h >= 44 && item.w >= 44, `${item.id} is ${item.w}x${item.h}`);
        assert.ok(item.x >= 0 && item.x + item.w <= device.viewport.width, `${item.id} is cut off horizontally`);
      }
      await page.context().close();
    });
  });
}

test('no frame is drawn while idle, and a tap wakes it', async () => {
  const page = await newPage(browser, PHONE);
  await openApp(page, server.url);
  const before = (await state(page)).frame;
  await page.waitForTimeout(2000);
  assert.equal((await state(page)).frame, before, 'frames were drawn while nothing changed');
  await tap(page, 'home.learn');
  const current = await state(page);
  assert.ok(current.frame > before, 'a tap must draw');
  assert.equal(current.screen, 'learn');
  await page.context().close();
});

test('a resize lays the page out again for the new width', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, server.url);
  const wide = (await state(page)).items.find((item) => item.id === 'home.start');
  await page.setViewportSize({ width: 320, height: 568 });
  await settle(page);
  const narrow = (await state(page)).items.find((item) => item.id === 'home.start');
  assert.ok(narrow.w < wide.w, 'the column must shrink');
  assert.ok(narrow.x + narrow.w <= 320, 'nothing cut off at 320 px');
  await page.context().close();
});

test('a change of device pixel ratio re-renders crisply', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, server.url);
  const cdp = await page.context().newCDPSession(page);
  // The same size: only the ratio changes, so no resize event tells the app (as on some zooms).
  const size = page.viewportSize();
  await cdp.send('Emulation.setDeviceMetricsOverride', { ...size, deviceScaleFactor: 2, mobile: false });
  await page.waitForFunction(() => window.calfcoach.state().dpr === 2, null, { timeout: 5000 });
  await settle(page);
  const canvas = await page.evaluate(() => ({ width: document.getElementById('canvas').width, css: innerWidth }));
  assert.equal(canvas.width, canvas.css * 2);
  const item = (await state(page)).items.find((candidate) => candidate.id === 'home.start');
  assert.ok(item.h >= 44, 'sizes stay in CSS pixels after the change');
  await page.context().close();
});

test('a lost WebGL context shows a message, and the app recovers when it is restored', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, server.url);
  await page.evaluate(() => {
    window.__loseContext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    window.__loseContext.loseContext();
  });
  await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  assert.match(await page.textContent('#notice'), /graphics/i);
  const frameBefore = (await state(page)).frame;
  await page.evaluate(() => window.__loseContext.restoreContext());
  await page.waitForSelector('#notice', { state: 'hidden', timeout: 5000 });
  await page.waitForFunction((f) => window.calfcoach.state().frame > f, frameBefore, { timeout: 5000 });
  await settle(page);
  const pixels = await analysePixels(browser, await page.screenshot());
  assert.ok(pixels.colours > 20, 'the app draws again after the context is restored');
  await page.context().close();
});

test('without WebGL2 the page says so in words, never with alert()', async () => {
  const page = await newPage(browser, DESKTOP);
  page.on('dialog', () => assert.fail('alert() must not be used'));
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : original.call(this, type, ...rest);
    };
  });
  await page.goto(server.url);
  await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  assert.match(await page.textContent('#notice'), /WebGL2/);
  assert.ok(await page.isVisible('h1'), 'the heading stays visible');
  await page.context().close();
});

test('without WebAssembly the page says so in words', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(server.url);
  await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  assert.match(await page.textContent('#notice'), /WebAssembly/);
  await page.context().close();
});

test('the page has a real heading and description before the app runs', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.route('**/app.js', (route) => route.abort());
  await page.goto(server.url);
  assert.equal(await page.textContent('h1'), 'Calf Coach');
  assert.ok(await page.isVisible('.intro p'));
  await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  assert.match(await page.textContent('#notice'), /could not be loaded/);
  await page.context().close();
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
