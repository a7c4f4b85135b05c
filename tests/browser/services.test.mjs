// The browser services (src/platform/web_services_web.cpp) through the test-only hook
// window.calfcoach.test (?test=1): storage that survives denial and a full quota, cue tones placed at
// the right time on the audio clock, a stalled audio context recovered, the ?timescale= clock, and
// no console errors or CSP violations along the way.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DESKTOP, firstDownload, newPage, openApp, useServerAndBrowser } from './harness.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

// Opens the app with the given query (page.problems() has errors, warnings() below the warnings).
async function open(query, { initScript } = {}) {
  const page = await newPage(browser, DESKTOP);
  if (initScript) await page.addInitScript(initScript);
  await openApp(page, `${server.url}${query}`);
  return page;
}

// A click on an empty corner of the canvas: the user gesture browsers need before audio starts.
async function gesture(page) {
  await page.mouse.click(4, page.viewportSize().height - 4);
  await page.waitForFunction(() => window.calfcoach.test.audio().state === 'running', null, { timeout: 5000 });
}

const hooks = (page, fn, arg) => page.evaluate(fn, arg);
// The page's console warnings, less the GPU driver's own.
const warnings = async (page) => (await page.warnings()).filter((w) => !w.includes('GL Driver'));

test('the test hook exists only with ?test=1; the cue log always', async () => {
  const page = await open('');
  assert.equal(await page.evaluate(() => typeof window.calfcoach.test), 'undefined');
  assert.deepEqual(await page.evaluate(() => window.calfcoach.cueLog()), []);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('storage round-trips non-ASCII text and keeps it across a reload', async () => {
  const page = await open('?test=1');
  const text = 'Mollet droit: massage léger ✓ — 日本語 🦵 "quoted" \\ back';
  const result = await hooks(page, (t) => window.calfcoach.test.storageRoundtrip('services.test', t), text);
  assert.deepEqual(result, { stored: true, value: text });
  const status = await hooks(page, () => window.calfcoach.test.status());
  assert.equal(status.storage_persistent, true);
  assert.equal(await page.evaluate(() => localStorage.getItem('services.test')), text, 'written to localStorage itself');
  await page.reload();
  await page.waitForFunction(() => window.calfcoach && window.calfcoach.test);
  assert.equal(await hooks(page, () => window.calfcoach.test.storageGet('services.test')), text);
  assert.equal(await hooks(page, () => window.calfcoach.test.storageGet('services.absent')), null);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('denied storage (SecurityError) falls back to memory and says so', async () => {
  const page = await open('?test=1', {
    initScript: () => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });
    },
  });
  const status = await hooks(page, () => window.calfcoach.test.status());
  assert.equal(status.storage_persistent, false);
  const result = await hooks(page, () => window.calfcoach.test.storageRoundtrip('history.a', 'kept in memory: é'));
  assert.deepEqual(result, { stored: true, value: 'kept in memory: é' });
  assert.ok((await warnings(page)).some((w) => /storage is not available/.test(w)), `warnings: ${await warnings(page)}`);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('a full quota keeps the new value in memory and turns storage_persistent false', async () => {
  const page = await open('?test=1', {
    initScript: () => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (window.__quotaFull) throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    },
  });
  assert.deepEqual(await hooks(page, () => window.calfcoach.test.storageRoundtrip('history.b', 'first')),
                   { stored: true, value: 'first' });
  assert.equal((await hooks(page, () => window.calfcoach.test.status())).storage_persistent, true);
  await page.evaluate(() => { window.__quotaFull = true; });
  assert.deepEqual(await hooks(page, () => window.calfcoach.test.storageRoundtrip('history.b', 'second, bigger')),
                   { stored: true, value: 'second, bigger' }, 'reads prefer the memory copy');
  assert.equal(await page.evaluate(() => localStorage.getItem('history.b')), 'first');
  assert.equal((await hooks(page, () => window.calfcoach.test.status())).storage_persistent, false);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('a read that fails switches to memory and never writes over what is stored', async () => {
  const page = await open('?test=1', {
    initScript: () => {
      const getItem = Storage.prototype.getItem;
      Storage.prototype.getItem = function (key) {
        if (window.__readFails) throw new DOMException('unreadable', 'UnknownError');
        return getItem.call(this, key);
      };
    },
  });
  await page.evaluate(() => localStorage.setItem('history.a', 'stored before'));
  assert.equal(await hooks(page, () => window.calfcoach.test.storageGet('history.a')), 'stored before');
  await page.evaluate(() => { window.__readFails = true; });
  assert.equal(await hooks(page, () => window.calfcoach.test.storageGet('history.a')), null);
  assert.deepEqual(await hooks(page, () => window.calfcoach.test.storageRoundtrip('history.a', 'new')),
                   { stored: true, value: 'new' });
  assert.equal((await hooks(page, () => window.calfcoach.test.status())).storage_persistent, false);
  await page.evaluate(() => { window.__readFails = false; });
  assert.equal(await page.evaluate(() => localStorage.getItem('history.a')), 'stored before');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('status reports each service as detected', async () => {
  const page = await open('?test=1');
  const status = await hooks(page, () => window.calfcoach.test.status());
  const expected = await page.evaluate(() => ({
    audio: typeof AudioContext === 'function',
    speech: 'speechSynthesis' in window,
    vibration: typeof navigator.vibrate === 'function',
    wake_lock: 'wakeLock' in navigator,
    utc_offset_minutes: -new Date().getTimezoneOffset() || 0,  // never -0
  }));
  for (const [key, value] of Object.entries(expected)) assert.equal(status[key], value, key);
  assert.match(status.wall_clock, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Math.abs(Date.parse(status.wall_clock) - Date.now()) < 5000);
  await page.close();
});

test('cue tones sit at their times on the audio clock; rescheduling cancels the old ones', async () => {
  const page = await open('?test=1');
  await gesture(page);
  const first = await page.evaluate(() => {
    const t = window.calfcoach.test;
    const now = Math.round(t.now());
    t.schedule([
      { id: '0:done', kind: 'done', text: 'already past', at_ms: now - 50 },
      { id: '1:step_start', kind: 'step_start', text: 'Left leg: Warm-up circles', at_ms: now + 20000 },
      { id: '1:halfway', kind: 'halfway', text: 'Halfway', at_ms: now + 50000 },
      { id: '2:countdown.3', kind: 'countdown', text: '1', at_ms: now + 60000 },
    ], now);
    return { log: window.calfcoach.cueLog(), audio: t.audio() };
  });
  const scheduled = first.log.filter((entry) => entry.how === 'scheduled');
  assert.deepEqual(scheduled.map((entry) => entry.id), ['1:step_start', '1:halfway', '2:countdown.3'], 'the past cue is skipped');
  for (const entry of scheduled) assert.equal(entry.scheduled_at_ms, entry.at_ms, entry.id);
  assert.equal(first.audio.pending, 2 + 1 + 1, 'one oscillator per note');

  const second = await page.evaluate(() => {
    const t = window.calfcoach.test;
    const now = Math.round(t.now());
    t.schedule([{ id: '1:halfway', kind: 'halfway', text: 'Halfway', at_ms: now + 40000 }], now);
    return { log: window.calfcoach.cueLog(), audio: t.audio() };
  });
  const later = second.log.slice(first.log.length);
  assert.deepEqual(later.filter((e) => e.how === 'cancelled').map((e) => e.id).sort(),
                   ['1:halfway', '1:step_start', '2:countdown.3']);
  const again = later.filter((e) => e.how === 'scheduled');
  assert.equal(again.length, 1);
  assert.equal(again[0].scheduled_at_ms, again[0].at_ms);
  assert.equal(second.audio.pending, 1, 'the cancelled oscillators are gone');

  // Due: a tone scheduled ahead is not played twice; one that was not is played now.
  const due = await page.evaluate(() => {
    const t = window.calfcoach.test;
    t.due({ id: '1:halfway', kind: 'halfway', text: 'Halfway', at_ms: 0 });
    t.due({ id: '3:switch_legs', kind: 'switch_legs', text: 'Switch legs: right leg next', at_ms: 0 });
    return window.calfcoach.cueLog().filter((e) => e.how === 'due');
  });
  assert.deepEqual(due.map((e) => [e.id, e.tone]), [['1:halfway', 'ahead'], ['3:switch_legs', 'now']]);
  await hooks(page, () => window.calfcoach.test.cancel());
  assert.equal((await hooks(page, () => window.calfcoach.test.audio())).pending, 3, 'only the switch-legs notes sound on');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('sound off schedules no tones; voice and vibration fail safe', async () => {
  const page = await open('?test=1');
  await gesture(page);
  const result = await page.evaluate(() => {
    const t = window.calfcoach.test;
    t.preferences({ sound: false, voice: true, vibration: true, volume: 0.5 });
    const now = Math.round(t.now());
    t.schedule([{ id: '1:step_start', kind: 'step_start', text: 'Left leg', at_ms: now + 5000 }], now);
    t.due({ id: '1:step_start', kind: 'step_start', text: 'Left leg', at_ms: now });
    return { log: window.calfcoach.cueLog(), audio: t.audio() };
  });
  assert.deepEqual(result.log.map((e) => [e.how, e.tone ?? null]), [['due', 'none']]);
  assert.equal(result.audio.pending, 0);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('a stalled audio context is replaced and its cues placed again', async () => {
  const page = await open('?test=1');
  await gesture(page);
  await page.evaluate(() => {
    const t = window.calfcoach.test;
    const now = Math.round(t.now());
    t.schedule([{ id: '5:done', kind: 'done', text: 'Done. Well done!', at_ms: now + 120000 }], now);
  });
  assert.equal(await page.evaluate(() => window.calfcoach.test.suspendAudio()), true);
  await page.waitForFunction(() => window.calfcoach.test.audio().recreations >= 1, null, { timeout: 5000 });
  await page.waitForFunction(() => window.calfcoach.test.audio().state === 'running', null, { timeout: 5000 });
  const log = await page.evaluate(() => window.calfcoach.cueLog());
  const placed = log.filter((e) => e.id === '5:done' && e.how === 'scheduled');
  assert.equal(placed.length, 2, 'scheduled once, then again on the new context');
  assert.ok(Math.abs(placed[1].scheduled_at_ms - placed[1].at_ms) < 1, 'at the same app time');
  assert.equal((await page.evaluate(() => window.calfcoach.test.audio())).pending, 4);
  assert.ok((await warnings(page)).some((w) => /audio stayed suspended/.test(w)), `warnings: ${await warnings(page)}`);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

// Ratio of the app clock to performance.now() over a real interval.
async function clockRatio(page, waitMs = 600) {
  const start = await page.evaluate(() => ({ app: window.calfcoach.test.now(), real: performance.now() }));
  await page.waitForTimeout(waitMs);
  const end = await page.evaluate(() => ({ app: window.calfcoach.test.now(), real: performance.now() }));
  return (end.app - start.app) / (end.real - start.real);
}

test('?timescale=60 runs the app clock and the audio delays 60 times faster', async () => {
  const page = await open('?test=1&timescale=60');
  assert.equal((await hooks(page, () => window.calfcoach.test.status())).timescale, 60);
  const ratio = await clockRatio(page);
  assert.ok(Math.abs(ratio - 60) < 0.6, `ratio ${ratio}`);
  await gesture(page);
  // 60 s of app time ahead is 1 s of real time: the tone (0.4 s) has begun and ended within 2.5 s.
  const started = await page.evaluate(() => {
    const t = window.calfcoach.test;
    const now = Math.round(t.now());
    t.schedule([{ id: '1:halfway', kind: 'halfway', text: 'Halfway', at_ms: now + 60000 }], now);
    return performance.now();
  });
  assert.equal((await page.evaluate(() => window.calfcoach.test.audio())).pending, 1);
  await page.waitForFunction(() => window.calfcoach.test.audio().pending === 0, null, { timeout: 5000 });
  const ended = await page.evaluate(() => performance.now());
  const seconds = (ended - started) / 1000;
  assert.ok(seconds > 1.2 && seconds < 2.5, `the tone ended ${seconds.toFixed(2)} s after scheduling`);
  const entry = (await page.evaluate(() => window.calfcoach.cueLog())).find((e) => e.how === 'scheduled');
  assert.equal(entry.scheduled_at_ms, entry.at_ms);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

for (const bad of ['abc', '0', '601', '', '-5']) {
  test(`?timescale=${bad} is ignored with a warning`, async () => {
    const page = await open(`?test=1&timescale=${bad}`);
    assert.equal((await hooks(page, () => window.calfcoach.test.status())).timescale, 1);
    assert.ok((await warnings(page)).some((w) => w.includes('timescale')), `warnings: ${await warnings(page)}`);
    const ratio = await clockRatio(page, 300);
    assert.ok(Math.abs(ratio - 1) < 0.05, `ratio ${ratio}`);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
}

test('the app frames run on the services clock', async () => {
  // At timescale 1 the app clock is performance.now() itself.
  const page = await open('?test=1');
  const gap = await page.evaluate(() => window.calfcoach.test.now() - performance.now());
  assert.ok(Math.abs(gap) < 5, `gap ${gap}`);
  await page.close();
});

test('download offers a file with the exact content; bad link schemes are refused', async () => {
  const page = await open('?test=1');
  const content = 'id,started_at\r\n"a,1",2026-11-21T08:30:00Z\r\nmollet é ✓\r\n';
  const offered = await page.evaluate((c) => window.calfcoach.test.download('calf-coach-history.csv', 'text/csv', c), content);
  assert.equal(offered, true);
  const download = await firstDownload(page);
  assert.equal(download.name, 'calf-coach-history.csv');
  assert.match(download.type, /^text\/csv/);
  assert.equal(download.text, content);

  await page.evaluate(() => { window.__alerts = 0; window.alert = () => { window.__alerts++; }; });
  await page.evaluate(() => window.calfcoach.test.openLink('javascript:alert(1)'));
  await page.evaluate(() => window.calfcoach.test.openLink('http://example.org/'));
  assert.equal((await warnings(page)).filter((w) => /link not opened/.test(w)).length, 2);
  assert.equal(await page.url(), `${server.url}?test=1`, 'the page stayed');
  assert.equal(await page.evaluate(() => window.__alerts), 0, 'no script may run from a link');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('keeping the screen awake and letting go raise no errors', async () => {
  const page = await open('?test=1');
  await gesture(page);
  await page.evaluate(() => window.calfcoach.test.keepAwake(true));
  await page.waitForTimeout(200);
  await page.evaluate(() => window.calfcoach.test.keepAwake(false));
  await page.evaluate(() => window.calfcoach.test.keepAwake(true));
  await page.waitForTimeout(200);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});
