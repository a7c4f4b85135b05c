// The app skeleton as a person meets it, in every engine: it loads cleanly, draws with WebGL2, answers
// taps and clicks where the widgets are, sleeps when nothing changes, survives a lost WebGL context,
// and says so plainly when the browser cannot run it. (foundation.chromium.test.mjs: a pixel-ratio
// change through CDP, a blocked script, the server's headers.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  DESKTOP, PHONE, analysePixels, assertIdle, newPage, openApp, saveScreenshot, settle, state, tap,
  useServerAndBrowser,
} from './harness.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

// Waits for the page's own notice (#notice) to show and returns its text.
const noticeShown = (page) => page.waitForFunction(() => {
  const notice = document.getElementById('notice');
  return notice && !notice.hidden && notice.textContent;
}, null, { timeout: 5000 });

for (const device of [DESKTOP, PHONE]) {
  describe(`at ${device.name} size`, () => {
    test('loads with no console errors and draws with WebGL2', async () => {
      const page = await newPage(browser, device);
      // Every WebGL2 context the page makes: boot.js's check and the app share one.
      await page.addInitScript(() => {
        const made = new Set();
        const original = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
          const context = original.call(this, type, ...rest);
          if (type === 'webgl2' && context) made.add(context);
          window.__webgl2Contexts = made.size;
          return context;
        };
      });
      await openApp(page, server.url);
      const current = await state(page);
      assert.equal(current.webgl, 2, 'the app must draw through a WebGL2 context');
      assert.equal(current.context_lost, false);
      assert.equal(await page.evaluate(() => window.__webgl2Contexts), 1, 'one WebGL2 context, the one the app draws with');
      // Opaque, with no depth or stencil buffer: nothing uses them, and on a phone they would cost
      // screen-sized buffers and a blended canvas.
      const attributes = await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getContextAttributes());
      assert.deepEqual([attributes.alpha, attributes.depth, attributes.stencil], [false, false, false]);
      // boot.js starts the one download of the wasm and hands it to the app: one request, not two.
      const requests = await page.requests();
      assert.equal(requests.filter((url) => new URL(url).pathname.endsWith('/app.wasm')).length, 1, requests.join('\n'));
      assert.equal(current.screen, 'home');
      assert.equal(current.dpr, page.dpr);
      // The backing store is CSS size x dpr: crisp text on high-DPI screens.
      const canvas = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
      });
      assert.equal(canvas.width, Math.round(canvas.cssWidth * page.dpr));
      assert.equal(canvas.height, Math.round(canvas.cssHeight * page.dpr));
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });

    test('the canvas is not blank and the home menu is there', async () => {
      const page = await newPage(browser, device);
      await openApp(page, server.url);
      const png = await page.screenshot();
      const pixels = analysePixels(png);
      assert.ok(pixels.differing / pixels.total > 0.05, `only ${pixels.differing} of ${pixels.total} pixels drawn`);
      assert.ok(pixels.colours > 20, `only ${pixels.colours} colours: text is not being drawn`);
      const ids = (await state(page)).items.map((item) => item.id);
      for (const id of ['home.start', 'home.techniques', 'home.learn', 'home.history', 'home.settings'])
        assert.ok(ids.includes(id), `${id} missing from ${ids}`);
      await saveScreenshot(page, 'home');
      await page.close();
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
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });

    test('touch targets are at least 44 CSS px and inside the viewport', async () => {
      const page = await newPage(browser, device);
      await openApp(page, server.url);
      const { width } = page.viewportSize();
      for (const item of (await state(page)).items) {
        assert.ok(item.h >= 44 && item.w >= 44, `${item.id} is ${item.w}x${item.h}`);
        assert.ok(item.x >= 0 && item.x + item.w <= width, `${item.id} is cut off horizontally`);
      }
      await page.close();
    });
  });
}

test('no frame is drawn while idle, and a tap wakes it', async () => {
  const page = await newPage(browser, PHONE);
  await openApp(page, server.url);
  const before = (await assertIdle(page, 2000)).frame;
  await tap(page, 'home.learn');
  const current = await state(page);
  assert.ok(current.frame > before, 'a tap must draw');
  assert.equal(current.screen, 'learn');
  await page.close();
});

test('a resize lays the page out again for the new width', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, server.url);
  const wide = (await state(page)).items.find((item) => item.id === 'home.start');
  await page.setViewportSize({ width: 320, height: 568 });
  await settle(page);
  // (WebKitGTK's window cannot be as narrow as 320 px: the width the page really got is checked.)
  const { width } = page.viewportSize();
  assert.ok(width < 640, `the page is ${width} px wide`);
  const narrow = (await state(page)).items.find((item) => item.id === 'home.start');
  assert.ok(narrow.w < wide.w, 'the column must shrink');
  assert.ok(narrow.x + narrow.w <= width, `nothing cut off at ${width} px`);
  await page.close();
});

test('a lost WebGL context shows a message, and the app recovers when it is restored', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, server.url);
  await page.evaluate(() => {
    window.__loseContext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    window.__loseContext.loseContext();
  });
  assert.match(await noticeShown(page), /graphics/i);
  const frameBefore = (await state(page)).frame;
  await page.evaluate(() => window.__loseContext.restoreContext());
  await page.waitForFunction(() => document.getElementById('notice').hidden, null, { timeout: 5000 });
  await page.waitForFunction((f) => window.calfcoach.state().frame > f, frameBefore, { timeout: 5000 });
  await settle(page);
  const pixels = analysePixels(await page.screenshot());
  assert.ok(pixels.colours > 20, 'the app draws again after the context is restored');
  await page.close();
});

test('without WebGL2 the page says so in words, never with alert()', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.addInitScript(() => {
    window.__alerts = 0;
    window.alert = () => { window.__alerts++; };
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : original.call(this, type, ...rest);
    };
  });
  await page.goto(server.url);
  assert.match(await noticeShown(page), /WebGL2/);
  assert.ok(await page.evaluate(() => document.querySelector('h1').getBoundingClientRect().height > 0), 'the heading stays visible');
  assert.equal(await page.evaluate(() => window.__alerts), 0, 'alert() must not be used');
  await page.close();
});

test('without WebAssembly the page says so in words', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(server.url);
  assert.match(await noticeShown(page), /WebAssembly/);
  await page.close();
});

