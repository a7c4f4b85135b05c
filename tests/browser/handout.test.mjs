// The printed handout (issue "Prescriptions", part 5), in every engine: "Print a handout" in Settings
// makes the page in a hidden frame of the app, styles it through the CSSOM under the app's strict CSP
// (no violation reported), and asks the engine to print it; the page holds the exact programme link
// and its QR code. With no programme kept, Settings prints the routine of one's own. (Chromium also
// prints it to PDF and scans the QR code: handout.chromium.test.mjs.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DESKTOP, PHONE, newPage, openApp, prescriptionCode, state, tap, useServerAndBrowser } from './harness.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

// What the hidden frame holds once its print was asked for: its text, the link in it, whether the
// stylesheet took (its body font and the step grid), and the print log's last entry.
async function printedFrame(page) {
  await page.waitForFunction(() => window.calfcoach.printLog().length > 0, null, { timeout: 10000 });
  return page.evaluate(() => {
    const frame = document.getElementById('cc-print-frame');
    const doc = frame && frame.contentDocument;
    const log = window.calfcoach.printLog();
    if (!doc) return { log };
    const steps = doc.querySelector('.steps');
    return {
      log,
      title: doc.title,
      text: doc.body.innerText,
      svgs: doc.querySelectorAll('svg').length,
      qrTitle: [...doc.querySelectorAll('svg title')].map((t) => t.textContent).find((t) => t.startsWith('QR code')) || null,
      font: doc.defaultView.getComputedStyle(doc.body).fontFamily,
      stepsDisplay: steps ? doc.defaultView.getComputedStyle(steps).display : null,
      hidden: frame.getBoundingClientRect().right <= 0,
    };
  });
}

for (const device of [PHONE, DESKTOP]) {
  test(`Print a handout (${device.name}): the kept programme's page, styled under the CSP, with its exact link`, async () => {
    const code = await prescriptionCode();
    const page = await newPage(browser, device);
    try {
      await openApp(page, new URL(`?test=1#rx=${code}`, server.url).href);
      await tap(page, 'programme.keep');
      await tap(page, 'home.settings');
      await page.evaluate(() => { window.calfcoach.printDialog = false; });  // no real dialog: it would stop some engines
      await tap(page, 'settings.programme.print');
      const printed = await printedFrame(page);
      const last = printed.log.at(-1);
      assert.equal(last.how, 'print_skipped', JSON.stringify(printed.log));
      assert.equal(last.error, null);
      assert.equal(last.styled, true, 'the stylesheet was applied through the CSSOM');
      assert.match(printed.font, /Helvetica|Arial|sans-serif/);
      assert.equal(printed.stepsDisplay, 'grid');
      assert.ok(printed.hidden, 'the frame is off screen');
      assert.match(printed.title, /Riverside Physio/);
      assert.match(printed.text, /Left leg only/);
      assert.match(printed.text, /Stop and get help/);
      assert.match(printed.text, /999 \(UK\), 112 \(EU\) or 911/);
      assert.match(printed.text, /Your first 4 weeks/);
      assert.ok(printed.text.includes(`${new URL(server.url).origin}/#rx=${code}`), 'the exact link is printed, without ?test=1');
      assert.equal(printed.qrTitle, 'QR code: your programme in Calf Coach');
      assert.equal(printed.svgs, 1 + 4, 'the QR code and one drawing per step kept (one of five is left out)');
      assert.ok((await state(page)).texts.some((t) => /Save as PDF/.test(t.text)));
      assert.deepEqual(await page.problems(), [], 'no console error and no CSP violation');
    } finally {
      await page.close();
    }
  });
}

test('Print a handout with no programme kept: the routine of one\'s own at the default length, the app\'s address', async () => {
  const page = await newPage(browser, PHONE);
  try {
    await openApp(page, new URL('?test=1', server.url).href);
    await tap(page, 'home.settings');
    await page.evaluate(() => { window.calfcoach.printDialog = false; });
    await tap(page, 'settings.handout');
    const printed = await printedFrame(page);
    assert.equal(printed.log.at(-1).styled, true);
    assert.match(printed.text, /Your routine/);
    assert.match(printed.text, /Standard length/);
    assert.doesNotMatch(printed.text, /#rx=/);
    assert.equal(printed.qrTitle, 'QR code: Calf Coach');
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});
