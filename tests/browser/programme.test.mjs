// A physio's programme link (issue "Prescriptions"), in every engine: the app opened with #rx= offers
// the programme, the fragment is gone from the address at once, keeping it stores it (a reload still has
// it), the session it starts follows its leg and times, and the history counts it; a damaged link says
// so and the app goes on working; the one-file page from file:// reads a link too.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
  answerSafety, PHONE, distDir, firstDownload, newPage, openApp, prescriptionCode, saveScreenshot, settle, state, tap, useServerAndBrowser,
} from './harness.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

const hasText = (s, pattern) => s.texts.some((t) => pattern.test(t.text));
const href = (page) => page.evaluate(() => window.location.href);

async function answerAllNo(page) {
  await answerSafety(page);
  assert.equal((await state(page)).screen, 'safety_result');
}

test('a programme link: offered, the fragment removed, kept across a reload, and its session follows the leg and times', async () => {
  const code = await prescriptionCode();  // left leg only; times 30, 60, 60, 0 (left out), 45 s
  const page = await newPage(browser, PHONE);
  try {
    await openApp(page, new URL(`?test=1&timescale=60#rx=${code}`, server.url).href);
    let s = await state(page);
    assert.equal(s.screen, 'programme');
    assert.equal(s.programme_offer.ok, true);
    assert.ok(hasText(s, /Your programme from Riverside Physio/));
    assert.ok(hasText(s, /Gentle on the Achilles/));
    assert.doesNotMatch(await href(page), /rx=/, 'the programme left the address bar');
    assert.match(await href(page), /\?test=1&timescale=60$/);
    await saveScreenshot(page, 'programme-offer');

    await tap(page, 'programme.keep');
    s = await state(page);
    assert.equal(s.screen, 'home');
    assert.equal(s.programme.code, code);
    await saveScreenshot(page, 'programme-home');

    // A reload (no fragment now) still has it: it is stored on the device.
    await openApp(page, new URL('?test=1&timescale=60', server.url).href);
    s = await state(page);
    assert.equal(s.screen, 'home');
    assert.equal(s.programme?.code, code);

    await tap(page, 'home.programme');
    await answerAllNo(page);
    await tap(page, 'safety.continue');
    s = await state(page);
    assert.equal(s.screen, 'prepare');
    assert.ok(!s.items.some((i) => i.id.startsWith('prepare.preset')), 'the programme sets the length');
    await tap(page, 'prepare.start');
    s = await state(page);
    assert.equal(s.screen, 'player');
    assert.equal(s.session.only_leg, 'left');
    assert.equal(s.session.programme, true);
    const steps = s.session.planned.filter((p) => p.kind === 'step').map((p) => [p.step, p.duration_ms, p.side]);
    assert.deepEqual(steps, [
      ['preparation', 30000, null],
      ['warm_up_circles', 60000, 'left'],
      ['tense_spots', 60000, 'left'],
      ['light_strokes', 45000, 'left'],
    ]);
    await page.waitForFunction(() => window.calfcoach.state().screen === 'done', null, { timeout: 60000 });
    s = await state(page);
    assert.equal(s.history_count, 1);
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});

test('a damaged programme link says so plainly, and the app and what was kept carry on', async () => {
  const code = await prescriptionCode();
  const damaged = code.slice(0, 40) + (code[40] === 'A' ? 'B' : 'A') + code.slice(41);
  for (const bad of [damaged, code.slice(0, 30)]) {
    // A fresh page each time: the same address with another fragment would not load the page again.
    const page = await newPage(browser, PHONE);
    try {
      await openApp(page, new URL(`?test=1#rx=${bad}`, server.url).href);
      let s = await state(page);
      assert.equal(s.screen, 'programme');
      assert.equal(s.programme_offer.ok, false);
      assert.ok(hasText(s, /This programme link is damaged/));
      assert.ok(hasText(s, /Ask your clinic for a new one/));
      assert.doesNotMatch(await href(page), /rx=/);
      await saveScreenshot(page, 'programme-damaged');
      await tap(page, 'programme.continue');
      s = await state(page);
      assert.equal(s.screen, 'home');
      assert.equal(s.programme, null);
      await tap(page, 'home.start');
      assert.equal((await state(page)).screen, 'safety');
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  }
});

test('a link opened while the app is open (hashchange) waits out the safety check, then is offered on Home', async () => {
  const code = await prescriptionCode();
  const page = await newPage(browser, PHONE);
  try {
    await openApp(page, new URL('?test=1', server.url).href);
    await tap(page, 'home.start');
    assert.equal((await state(page)).screen, 'safety');
    await page.evaluate((c) => { window.location.hash = `rx=${c}`; }, code);
    await settle(page);
    assert.equal((await state(page)).screen, 'safety', 'the safety check is not cut short');
    assert.doesNotMatch(await href(page), /rx=/);
    await tap(page, 'nav.back');
    await page.waitForFunction(() => window.calfcoach.state().screen === 'programme', null, { timeout: 5000 });
    assert.equal((await state(page)).programme_offer.ok, true);
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});

test('the one-file page from file:// reads a programme link, removes it from the address, and prints its handout', async () => {
  const code = await prescriptionCode({ legs: 'right' });
  const fileUrl = pathToFileURL(path.join(distDir, 'calfcoach-offline.html')).href;
  const page = await newPage(browser, PHONE);
  try {
    await openApp(page, `${fileUrl}?test=1#rx=${code}`);
    let s = await state(page);
    assert.equal(s.screen, 'programme');
    assert.equal(s.programme_offer.ok, true);
    assert.doesNotMatch(await href(page), /rx=/);
    await tap(page, 'programme.keep');
    s = await state(page);
    assert.equal(s.programme.legs, 'right');
    // Its handout prints offline too, under the page's own CSP; a file: address is no use to another
    // phone, so there is no QR code and no link on it.
    await tap(page, 'home.settings');
    await page.evaluate(() => { window.calfcoach.printDialog = false; });
    await tap(page, 'settings.programme.print');
    await page.waitForFunction(() => window.calfcoach.printLog().length > 0, null, { timeout: 10000 });
    const printed = await page.evaluate(() => {
      const doc = document.getElementById('cc-print-frame').contentDocument;
      return { log: window.calfcoach.printLog().at(-1), text: doc.body.innerText,
               svgs: doc.querySelectorAll('svg').length, display: doc.defaultView.getComputedStyle(doc.querySelector('.steps')).display };
    });
    assert.equal(printed.log.styled, true, JSON.stringify(printed.log));
    assert.equal(printed.display, 'grid');
    assert.match(printed.text, /Right leg only/);
    assert.doesNotMatch(printed.text, /rx=|file:/);
    assert.equal(printed.svgs, 4, 'one drawing per step kept, no QR code');
    await settle(page);
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});

// What Debian's python3-icalendar (a real parser) reads in a calendar file: its events' start, rule and URL.
async function parseIcs(text) {
  const { execFile } = await import('node:child_process');
  const script = [
    'import sys, json, icalendar',
    'cal = icalendar.Calendar.from_ical(sys.stdin.read())',
    'events = [c for c in cal.walk() if c.name == "VEVENT"]',
    'alarms = [c for c in cal.walk() if c.name == "VALARM"]',
    'e = events[0]',
    'print(json.dumps({"events": len(events), "alarms": len(alarms), "start": e.decoded("DTSTART").isoformat(),',
    '  "byday": [str(d) for d in e["RRULE"]["BYDAY"]], "freq": str(e["RRULE"]["FREQ"][0]), "url": str(e["URL"]),',
    '  "uid": str(e["UID"])}))',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = execFile('/usr/bin/python3', ['-c', script], (error, stdout, stderr) =>
      (error ? reject(new Error(`python3-icalendar could not read the file: ${stderr || error.message}`)) : resolve(JSON.parse(stdout))));
    child.stdin.end(text);
  });
}

test('Add to my calendar downloads a text/calendar file a real parser reads: the days, the time, the link back', async () => {
  const code = await prescriptionCode();  // Mon, Wed and Fri from 2026-12-01
  const page = await newPage(browser, PHONE);
  try {
    await openApp(page, new URL(`?test=1#rx=${code}`, server.url).href);
    await tap(page, 'programme.keep');
    await tap(page, 'home.settings');
    await tap(page, 'settings.programme.time.3');  // 20:30
    await tap(page, 'settings.programme.calendar');
    const file = await firstDownload(page);
    assert.equal(file.name, 'calf-coach-reminders.ics');
    assert.match(file.type, /^text\/calendar/);
    const ics = await parseIcs(file.text);
    assert.equal(ics.events, 1);
    assert.equal(ics.alarms, 1);
    assert.equal(ics.freq, 'WEEKLY');
    assert.deepEqual(ics.byday, ['MO', 'WE', 'FR']);
    assert.match(ics.start, /T20:30:00$/, 'a floating local time: no zone');
    assert.equal(ics.url, new URL(`#rx=${code}`, server.url).href);
    await saveScreenshot(page, 'programme-settings');
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});
