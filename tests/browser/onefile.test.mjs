// The one-file page (calfcoach-offline.html) opened from the device's files, in every engine: it draws
// with WebGL2 and runs a whole session under its own CSP with no request. (In WebKit the harness's
// init script arrives just after the load, file:// having no proxy: see driver/webkit.mjs.)
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
  PHONE, distDir, newPage, openApp, saveScreenshot, scrollIntoView, settle, startQuickSession, state, tap, touchDrag,
  useServerAndBrowser,
} from './harness.mjs';

let browser;
useServerAndBrowser((up) => ({ browser } = up));

const distFile = (name) => readFile(path.join(distDir, name));

test('the one-file page from file:// draws with WebGL2 and runs a whole session, no request, no CSP violation', async () => {
  const html = (await distFile('calfcoach-offline.html')).toString();
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
  assert.doesNotMatch(html, /<script\b[^>]*\bsrc=/);
  const fileUrl = pathToFileURL(path.join(distDir, 'calfcoach-offline.html')).href;
  const page = await newPage(browser, PHONE);
  try {
    await openApp(page, `${fileUrl}?test=1&timescale=120`);
    assert.equal((await state(page)).webgl, 2, 'a WebGL2 context');
    await startQuickSession(page);
    await page.waitForFunction(() => window.calfcoach.state().screen === 'done', null, { timeout: 60000 });
    // The done screen's first frames still place its items (the saved-to-history line comes in): a tap
    // read from the first one could land beside "Home" (seen in Firefox, 2 runs in 5).
    await settle(page);
    const done = await state(page);
    assert.equal(done.session.finished, true);
    assert.equal(done.history_count, 1);

    await tap(page, 'nav.home');
    await tap(page, 'home.settings');
    const settings = await state(page);
    assert.ok(!settings.items.some((i) => i.id === 'settings.save_offline'), 'the copy does not offer itself');
    assert.ok(settings.texts.some((t) => /already works offline/.test(t.text)));
    await scrollIntoView(page, 'settings.leg.1');
    await touchDrag(page, page.viewportSize().width / 2, 600, 200);  // on to About
    await saveScreenshot(page, 'onefile-settings');

    // CSP violations are console errors (the harness's init script), so problems() has them too.
    const requests = await page.requests();
    assert.deepEqual(requests.filter((u) => u.split('?')[0] !== fileUrl && !u.startsWith('data:')), [], 'nothing fetched but the file');
    assert.equal(await page.evaluate(() => navigator.serviceWorker ? navigator.serviceWorker.controller : null), null);
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});
