// The safety check in a few taps (issue 15), in every engine, at 320 and 390 px phones and a 1280 px
// desktop: the taps from Home to the result are counted (a count, not a timing), for a first check
// and for a re-check within 7 days whose remembered "None of these" is offered as "Still true";
// "Before you start" has its start button on screen without scrolling; the accessibility layer reads
// a page as a list of check boxes labelled by its question, with "None of these" a button.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DESKTOP, PHONE, answerSafety, newPage, openApp, saveScreenshot, settle, state, tap, useServerAndBrowser,
} from './harness.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

const SMALL_PHONE = { ...PHONE, name: 'phone-320', viewport: { width: 320, height: 568 }, deviceScaleFactor: 2 };
const DEVICES = [SMALL_PHONE, PHONE, DESKTOP];

// ISO time `days` days before now, as the app writes it.
const daysAgo = (days) => new Date(Date.now() - days * 86400e3).toISOString().replace(/\.\d{3}Z$/, 'Z');

for (const device of DEVICES) {
  test(`taps from Home to the result: first check and a re-check within 7 days (${device.name})`, async () => {
    const page = await newPage(browser, device);
    try {
      await openApp(page, new URL('?test=1', server.url).href);
      await tap(page, 'home.start');
      const first = await state(page);
      assert.equal(first.screen, 'safety');
      assert.equal(first.pages, 4);
      await saveScreenshot(page, `safety-page-${device.name}`);
      const firstTaps = 1 + await answerSafety(page);
      const result = await state(page);
      assert.equal(result.screen, 'safety_result');
      assert.equal(result.level, 'ok');
      assert.ok(firstTaps <= 6, `first check: ${firstTaps} taps`);

      // Three days on: the 24-hour "nothing has changed" is past, the remembered "none" is not. The
      // stored fact is the app's own, moved back in time (its content hash stays the app's).
      const moved = await page.evaluate((at) => {
        const fact = JSON.parse(localStorage.getItem('safety.remembered'));
        const last = JSON.parse(localStorage.getItem('safety.last'));
        fact.none_at = at;
        last.at = at;
        localStorage.setItem('safety.remembered', JSON.stringify(fact));
        localStorage.setItem('safety.last', JSON.stringify(last));
        return fact.group;
      }, daysAgo(3));
      assert.equal(moved, 'your_health');
      await page.reload();
      await page.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
      await settle(page);
      await tap(page, 'home.start');
      const recheck = await state(page);
      assert.equal(recheck.screen, 'safety');
      assert.equal(recheck.pages, 3);
      assert.equal(recheck.still_true, 'your_health');
      let taps = 1;
      while ((await state(page)).page_index < 2) { await tap(page, 'safety.none'); taps++; }
      const last = await state(page);
      assert.equal(last.items.find((i) => i.id === 'safety.none').label, 'None of these, and the above is still true');
      assert.ok(last.texts.some((t) => /You answered "None of these" on .* for: /.test(t.text)), 'the date of the remembered answer');
      await saveScreenshot(page, `safety-still-true-${device.name}`);
      await tap(page, 'safety.none');
      taps++;
      assert.equal((await state(page)).screen, 'safety_result');
      assert.equal((await state(page)).level, 'ok');
      assert.ok(taps <= 4, `re-check: ${taps} taps`);

      // On to "Before you start": its start button is on screen without scrolling.
      await tap(page, 'safety.continue');
      const prepare = await state(page);
      assert.equal(prepare.screen, 'prepare');
      const start = prepare.items.find((i) => i.id === 'prepare.start');
      const { height } = page.viewportSize();
      assert.ok(start.y >= 0 && start.y + start.h <= height, `start at ${start.y}..${start.y + start.h} of ${height}`);
      await saveScreenshot(page, `prepare-${device.name}`);
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });
}

test('a sign marked on a page, the result says why in the person\'s words; the layer reads the page as a list', async () => {
  const page = await newPage(browser, PHONE);
  try {
    await openApp(page, new URL('?test=1', server.url).href);
    await tap(page, 'home.start');
    await tap(page, 'safety.none');
    // The second page as the accessibility layer has it: one list labelled by the page's question.
    await page.waitForFunction(() => document.querySelectorAll('#cc-a11y ul[aria-label] [role="checkbox"]').length > 0);
    const layer = await page.evaluate(() => {
      const lists = [...document.querySelectorAll('#cc-a11y ul[aria-label]')];
      const none = document.querySelector('#cc-a11y button[data-id="safety.none"]');
      return {
        labels: lists.map((l) => l.getAttribute('aria-label')),
        boxes: lists.map((l) => l.querySelectorAll('li > [role="checkbox"]').length),
        noneRole: none && none.getAttribute('role'),
        noneInList: !!(none && none.closest('ul[aria-label]')),
        noneText: none && none.textContent,
      };
    });
    assert.deepEqual(layer.labels, ['Today, do you have any of these in your legs?']);
    assert.deepEqual(layer.boxes, [12]);
    assert.equal(layer.noneRole, null);  // a plain button
    assert.equal(layer.noneInList, false);
    assert.equal(layer.noneText, 'None of these');
    await tap(page, 'safety.sign.one_leg_swollen');
    assert.equal((await state(page)).items.find((i) => i.id === 'safety.sign.one_leg_swollen').checked, true);
    assert.equal(await page.evaluate(() => document.querySelector('#cc-a11y [data-id="safety.sign.one_leg_swollen"]').getAttribute('aria-checked')), 'true');
    await saveScreenshot(page, 'safety-page-marked');
    await answerSafety(page);
    const result = await state(page);
    assert.equal(result.level, 'urgent');
    assert.ok(result.why.some((line) => /^You said: one leg is swollen/.test(line)), JSON.stringify(result.why));
    await saveScreenshot(page, 'safety-result-why');
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});
