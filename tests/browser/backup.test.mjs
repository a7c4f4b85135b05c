// Backups (issue 16), in every engine: "Save a backup" downloads a file; a new browser profile (empty
// storage) restores it through the app's file picker and shows the same history; restoring into a
// history that has sessions merges; a damaged, a future-version and an oversized file are explained
// and change nothing; a file dropped on the page is restored too; navigator.storage.persist() is called
// only once a session is saved; Home's note about where the history lives shows inside a clinic's
// frame and in a Safari tab, and not in an installed app.
//
// The picker: in Chromium with a mouse the real one opens (Playwright's filechooser, which needs the
// canvas click's user activation) and gets the file; Firefox and WebKit would open a native dialog, and
// Playwright sees no chooser under touch emulation, so there the input's click() is recorded, with
// navigator.userActivation.isActive at that moment, and the file is set on the input.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import {
  DESKTOP, ENGINE, PHONE, firstDownload, newPage, openApp, saveScreenshot, scrollIntoView, settle, startQuickSession,
  startServer, state, tap, useServerAndBrowser,
} from './harness.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

const url = (query = '') => new URL(query, server.url).href;
const hasText = (s, pattern) => s.texts.some((t) => pattern.test(t.text));
const PLACE_NOTE = /Your history lives only in this browser/;
const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

// Every call of navigator.storage.persist(), answered "kept" so no engine shows a prompt; persisted()
// answers what persist() granted. Where the engine has no navigator.storage (WebKitGTK here), a
// stand-in takes its place, so the app's timing is checked there too.
function logPersist() {
  window.__ccPersist = [];
  try {
    let storage = navigator.storage;
    if (!storage) {
      storage = {};
      Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
    }
    let kept = false;
    storage.persist = () => { window.__ccPersist.push(performance.now()); kept = true; return Promise.resolve(true); };
    storage.persisted = () => Promise.resolve(kept);
  } catch (e) { /* cannot be replaced: nothing to log */ }
}

// Firefox and WebKit: a file input's click() is recorded rather than opening the system dialog.
function recordPicker() {
  window.__ccPicks = [];
  const click = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function () {
    if (this.type !== 'file') return click.apply(this, arguments);
    const activation = navigator.userActivation;
    window.__ccPicks.push({ id: this.id, accept: this.accept, active: activation ? activation.isActive : null });
    return undefined;
  };
}

const pickers = new WeakMap();  // page -> the real file chooser is used (else the recorded click)

async function openWithHooks(device, query = '?timescale=60') {
  const page = await newPage(browser, device);
  await page.addInitScript(logPersist);
  // Playwright sees Chromium's file chooser with a mouse, not under touch emulation.
  const realChooser = ENGINE === 'chromium' && !device.hasTouch;
  if (!realChooser) await page.addInitScript(recordPicker);
  pickers.set(page, realChooser);
  await openApp(page, url(query));
  return page;
}

async function waitForScreen(page, screen, timeout = 30000) {
  await page.waitForFunction((s) => window.calfcoach.state().screen === s, screen, { timeout });
  await settle(page);
}

// One quick session to its end; back on Home. A second one within 24 hours: "nothing has changed".
async function runSession(page) {
  if ((await state(page)).level === null) {
    await startQuickSession(page);
  } else {
    await tap(page, 'home.start');
    await tap(page, 'safety.unchanged');
    await tap(page, 'prepare.preset.0');
    await tap(page, 'prepare.start');
    assert.equal((await state(page)).screen, 'player');
  }
  await waitForScreen(page, 'done', 60000);
  await tap(page, 'nav.home');
}

// Settings -> "Restore from a backup" -> the file, as the person would choose it.
async function restoreFile(page, file) {
  // Settings afresh, so the result waited for below is this restore's, not the last one's.
  if ((await state(page)).screen === 'settings') await back(page);
  await tap(page, 'home.settings');
  const before = (await state(page)).frame;
  if (pickers.get(page)) {
    const chooser = page.raw.waitForEvent('filechooser', { timeout: 5000 });
    await tap(page, 'settings.backup.restore');
    const opened = await chooser;  // only with the tap's user activation
    await opened.setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  } else {
    const picks = await page.evaluate(() => window.__ccPicks.length);
    await tap(page, 'settings.backup.restore');
    const pick = await page.waitForFunction((n) => window.__ccPicks.length > n && window.__ccPicks[n], picks, { timeout: 5000 })
      .catch(async (error) => {
        const s = await state(page);
        throw new Error(`${error.message}: no picker from "${s.screen}", items ${JSON.stringify(s.items.filter((i) => i.id.startsWith('settings.backup')))}`);
      });
    assert.equal(pick.id, 'cc-backup-input');
    assert.equal(pick.accept, '.json,application/json');
    // WebKit's driver has no touch actions: its taps are events made in the page, which never carry
    // user activation, so only its mouse clicks can show it.
    const synthetic = ENGINE === 'webkit' && page.touch;
    if (pick.active !== null && !synthetic) assert.equal(pick.active, true, 'the picker is opened with the tap\'s user activation');
    await page.setInputFiles('#cc-backup-input', [{ name: file.name, mimeType: 'application/json', text: file.text }]);
  }
  await page.waitForFunction((f) => {
    const s = window.calfcoach.state();
    return s.frame > f && s.backup.restore_message !== '' && s;
  }, before, { timeout: 10000 });
  await settle(page);
  return state(page);
}

// Back to the screen before. Scrolled far down, with Escape (as a keyboard would): the harness's
// finger drag upwards would end below the viewport, which WebDriver refuses.
async function back(page) {
  const item = (await state(page)).items.find((i) => i.id === 'nav.back');
  if (item && item.y < 0) {
    const { frame } = await state(page);
    await page.keyboard.press('Escape');
    await page.waitForFunction((f) => window.calfcoach.state().frame >= f + 3, frame, { timeout: 10000 });
    await settle(page);
  } else {
    await tap(page, 'nav.back');
  }
}

const historyTexts = async (page) => {
  await tap(page, 'home.history');
  const texts = (await state(page)).texts.map((t) => t.text);
  await tap(page, 'nav.back');
  return texts;
};

const storageSnapshot = (page) => page.evaluate(() => {
  const out = {};
  for (let i = 0; i < localStorage.length; i++) out[localStorage.key(i)] = localStorage.getItem(localStorage.key(i));
  return out;
});

let saved = null;  // the backup the first test saved: {name, text}

test('save a backup, then restore it where the storage is empty: the same history and History screen; persist() only after a session', async () => {
  const page = await openWithHooks(PHONE);
  try {
    assert.deepEqual(await page.evaluate(() => window.__ccPersist), [], 'not asked at start-up');
    await tap(page, 'home.settings');
    assert.deepEqual(await page.evaluate(() => window.__ccPersist), [], 'not asked for a tap either');
    await tap(page, 'nav.back');
    await runSession(page);
    await page.waitForFunction(() => window.__ccPersist.length === 1, null, { timeout: 5000 });
    await runSession(page);
    assert.equal(await page.evaluate(() => window.__ccPersist.length), 1, 'asked once a visit');
    assert.equal((await state(page)).history_count, 2);
    const shown = await historyTexts(page);

    await tap(page, 'home.settings');
    await scrollIntoView(page, 'settings.backup.save');
    const settingsState = await state(page);
    assert.ok(hasText(settingsState, /Kept: this browser will not clear your data/), 'persist() granted: Settings says so');
    assert.ok(hasText(settingsState, /2 sessions are not in a backup yet/));
    await tap(page, 'settings.backup.save');
    const file = await firstDownload(page);
    assert.match(file.name, /^calfcoach-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    assert.equal(file.name, `calfcoach-backup-${today}.json`, 'the person\'s local date');
    const parsed = JSON.parse(file.text);
    assert.equal(parsed.format, 'calfcoach-backup');
    assert.equal(parsed.version, 1);
    assert.equal(parsed.payload.history.records.length, 2);
    assert.ok(hasText(await state(page), /Saved as a file/));
    assert.equal((await state(page)).backup.not_in_backup, 0);
    await scrollIntoView(page, 'settings.backup.restore');
    await saveScreenshot(page, 'backup-settings');
    saved = { name: file.name, text: file.text };
    assert.deepEqual(await page.problems(), []);

    // A new profile: empty storage, as after clearing the browser or on a new phone.
    const fresh = await openWithHooks(PHONE);
    try {
      assert.equal((await state(fresh)).history_count, 0);
      const restored = await restoreFile(fresh, saved);
      assert.equal(restored.history_count, 2);
      assert.equal(restored.backup.restore_ok, true);
      assert.ok(hasText(restored, /2 sessions added/), restored.backup.restore_message);
      await scrollIntoView(fresh, 'settings.backup_reminder');
      await saveScreenshot(fresh, 'backup-restored');
      await back(fresh);
      assert.deepEqual(await historyTexts(fresh), shown, 'the same History screen');
      // Stored: a reload still has it.
      await fresh.reload();
      await fresh.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
      assert.equal((await state(fresh)).history_count, 2);
      assert.deepEqual(await fresh.evaluate(() => window.__ccPersist), [], 'a restore is no session: not asked');
      assert.deepEqual(await fresh.problems(), []);
    } finally {
      await fresh.close();
    }
  } finally {
    await page.close();
  }
});

test('restore into a history that has sessions: merged; the same file again adds nothing', async () => {
  assert.ok(saved, 'the first test saved a backup');
  const page = await openWithHooks(PHONE);
  try {
    await runSession(page);
    assert.equal((await state(page)).history_count, 1);
    let s = await restoreFile(page, saved);
    assert.equal(s.history_count, 3);
    assert.ok(hasText(s, /2 sessions added/), s.backup.restore_message);
    await scrollIntoView(page, 'settings.backup_reminder');
    await saveScreenshot(page, 'backup-merged');
    s = await restoreFile(page, saved);
    assert.equal(s.history_count, 3);
    assert.ok(hasText(s, /Nothing new/), s.backup.restore_message);
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});

test('a damaged, a future-version, an oversized and a wrong file: the message, and nothing changed', async () => {
  assert.ok(saved, 'the first test saved a backup');
  const page = await openWithHooks(DESKTOP);
  try {
    // A history to keep: the saved backup's two sessions (through the picker, with a mouse click).
    assert.equal((await restoreFile(page, saved)).history_count, 2);
    const before = await storageSnapshot(page);
    const damaged = saved.text.replace(/"active_s": (\d+)/, (_, n) => `"active_s": ${Number(n) + 1}`);
    assert.notEqual(damaged, saved.text);
    const future = saved.text.replace('"version": 1', '"version": 2');
    const cases = [
      { text: damaged, says: /damaged or edited/ },
      { text: future, says: /made by a newer Calf Coach \(backup version 2\): update the app/ },
      { text: saved.text.slice(0, 300), says: /not a readable backup/ },
      { text: 'x'.repeat(4 * 1024 * 1024 + 16), says: /too large/ },
    ];
    for (const { text, says } of cases) {
      const s = await restoreFile(page, { name: 'calfcoach-backup-2026-01-01.json', text });
      assert.equal(s.backup.restore_ok, false);
      assert.match(s.backup.restore_message, says);
      assert.match(s.backup.restore_message, /Nothing was changed\./);
      assert.ok(hasText(s, says), 'shown on screen');
      assert.equal(s.history_count, 2);
      assert.deepEqual(await storageSnapshot(page), before, 'storage untouched');
      if (text === future) {
        await scrollIntoView(page, 'settings.backup_reminder');
        await saveScreenshot(page, 'backup-refused');
      }
      await back(page);
    }
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});

test('a backup dropped on the page (desktop) is restored, and Settings says how it went', async () => {
  assert.ok(saved, 'the first test saved a backup');
  const page = await openWithHooks(DESKTOP);
  try {
    const dropped = await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'calfcoach-backup.json', { type: 'application/json' }));
      const canvas = document.querySelector('canvas');
      // As the engine makes them for a drag from the desktop (an Event with the transfer where an
      // engine's DragEvent constructor does not take one).
      const drag = (type) => {
        let event = null;
        try { event = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }); } catch (e) { event = null; }
        if (!event || event.dataTransfer !== transfer) {
          event = new Event(type, { bubbles: true, cancelable: true });
          Object.defineProperty(event, 'dataTransfer', { value: transfer });
        }
        canvas.dispatchEvent(event);
        return event.defaultPrevented;
      };
      const accepted = drag('dragover');
      drag('drop');
      return accepted;
    }, saved.text);
    assert.equal(dropped, true, 'the page accepts a dropped file');
    await page.waitForFunction(() => window.calfcoach.state().history_count === 2, null, { timeout: 10000 });
    await settle(page);
    const s = await state(page);
    assert.equal(s.screen, 'settings');
    assert.ok(hasText(s, /2 sessions added/));
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});

test('Settings says whether the browser keeps the storage: unknown where navigator.storage is missing', async () => {
  const page = await newPage(browser, PHONE);
  try {
    await openApp(page, url());
    const has = await page.evaluate(() => !!(navigator.storage && navigator.storage.persisted));
    await tap(page, 'home.settings');
    await scrollIntoView(page, 'settings.backup_reminder');
    const s = await state(page);
    if (has) {
      assert.notEqual(s.storage_kept, 'unknown');
      assert.ok(hasText(s, s.storage_kept === 'persistent' ? /^Kept: / : /^Not protected: /));
    } else {
      assert.equal(s.storage_kept, 'unknown');
      assert.ok(hasText(s, /Whether this browser keeps your data is unknown/));
    }
    await saveScreenshot(page, 'backup-settings-end');
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
  }
});

test('the note on Home: in a clinic\'s frame, and in a Safari tab; not in an installed app; dismissed once', async (t) => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'calfcoach-backup-'));
  const appServer = await startServer({ frameAncestors: '*' });
  const hostServer = await startServer({ root: tmp, host: 'localhost', cspExtra: `frame-src ${appServer.url}` });
  try {
    await writeFile(path.join(tmp, 'clinic.html'),
      `<!doctype html><title>clinic</title><link rel="icon" href="data:,"><iframe src="${appServer.url}?embed=1" title="Calf Coach" width="390" height="900"></iframe>`);
    const page = await newPage(browser, DESKTOP);
    try {
      await page.goto(new URL('clinic.html', hostServer.url).href);
      let frame = null;
      for (let i = 0; i < 200 && !frame; i++) {
        frame = await page.frame(appServer.url);
        if (!frame) await page.waitForTimeout(50);
      }
      assert.ok(frame, 'the app\'s frame');
      const s = await frame.waitForFunction(() => {
        const now = window.calfcoach && window.calfcoach.state();
        return now && now.frame > 0 && now.texts.some((t) => /Your history lives only in this browser/.test(t.text)) && now;
      }, null, { timeout: 20000 });
      assert.ok(hasText(s, /Install the app or save a backup/));
      for (const id of ['home.place.backup', 'home.place.install', 'home.place.dismiss'])
        assert.ok(s.items.some((item) => item.id === id), id);
      await saveScreenshot(page, 'backup-note-embedded');
    } finally {
      await page.close();
    }

    // A Safari tab: shown; "Not now" remembers it.
    const tab = await newPage(browser, PHONE);
    try {
      await tab.addInitScript((ua) => Object.defineProperty(navigator, 'userAgent', { get: () => ua }), IPHONE_UA);
      await openApp(tab, url());
      assert.ok(hasText(await state(tab), PLACE_NOTE), 'a Safari tab');
      await saveScreenshot(tab, 'backup-note-safari-tab');
      await tap(tab, 'home.place.install');
      assert.ok(hasText(await state(tab), /Add to Home Screen/));
      await tap(tab, 'home.place.dismiss');
      assert.ok(!hasText(await state(tab), PLACE_NOTE));
      await tab.reload();
      await tab.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
      await settle(tab);
      assert.ok(!hasText(await state(tab), PLACE_NOTE), 'dismissed once, remembered');
      if (ENGINE === 'webkit') {
        // WebKit itself is Safari's engine: its tab gets the note without any stand-in.
        const plain = await newPage(browser, PHONE);
        try {
          await openApp(plain, url());
          assert.ok(hasText(await state(plain), PLACE_NOTE), 'a WebKit tab');
        } finally {
          await plain.close();
        }
      }
    } finally {
      await tab.close();
    }

    // Installed (display-mode standalone, navigator.standalone on an iPhone): no note.
    const installed = await newPage(browser, PHONE);
    try {
      await installed.addInitScript((ua) => {
        Object.defineProperty(navigator, 'userAgent', { get: () => ua });
        Object.defineProperty(navigator, 'standalone', { get: () => true });
        const matchMedia = window.matchMedia.bind(window);
        window.matchMedia = (query) => (/display-mode:\s*standalone/.test(query)
          ? { matches: true, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} }
          : matchMedia(query));
      }, IPHONE_UA);
      await openApp(installed, url());
      assert.ok(!hasText(await state(installed), PLACE_NOTE), 'installed: no note');
    } finally {
      await installed.close();
    }
    if (ENGINE === 'chromium') {
      // The engine's own display-mode, emulated through CDP (no stand-in for matchMedia).
      const page = await newPage(browser, PHONE);
      try {
        await page.addInitScript((ua) => Object.defineProperty(navigator, 'userAgent', { get: () => ua }), IPHONE_UA);
        await openApp(page, url());
        assert.ok(hasText(await state(page), PLACE_NOTE));
        const cdp = await page.raw.context().newCDPSession(page.raw);
        await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'display-mode', value: 'standalone' }] });
        if (await page.evaluate(() => matchMedia('(display-mode: standalone)').matches)) {
          await tap(page, 'home.settings');
          await tap(page, 'nav.back');
          assert.ok(!hasText(await state(page), PLACE_NOTE), 'display-mode standalone: no note');
        } else {
          // Some Chromium versions take no display-mode feature here: the stand-in above covers it.
          t.diagnostic('CDP Emulation.setEmulatedMedia does not emulate display-mode in this Chromium');
        }
        await cdp.detach();
      } finally {
        await page.close();
      }
    }
  } finally {
    appServer.stop();
    hostServer.stop();
    await rm(tmp, { recursive: true, force: true });
  }
});
