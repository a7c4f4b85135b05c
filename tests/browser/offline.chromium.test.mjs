// Offline use and script integrity (issue 6), with Chromium's own tools (service workers, going
// offline, routes, downloads): the installable app (manifest, icons, service worker), running with the
// server gone, an update offered and applied only when tapped (never mid-session), Settings -> "Save
// for offline use", and Subresource Integrity on every script of ours (a tampered app.js is refused
// with a plain message). The one-file page from file:// runs in every engine: onefile.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import {
  DESKTOP, PHONE, distDir, findItem, newPage, openApp, repoRoot, saveScreenshot, settle,
  startQuickSession, startServer, state, tap, useServerAndBrowser,
} from './harness.mjs';

let server;
let browser;
const temps = [];
useServerAndBrowser((up) => ({ server, browser } = up));
after(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const distFile = (name) => readFile(path.join(distDir, name));

// A copy of the release to change without touching dist/.
async function distCopy() {
  const dir = await mkdtemp(path.join(tmpdir(), 'calfcoach-dist-'));
  temps.push(dir);
  await cp(distDir, dir, { recursive: true });
  return dir;
}

async function waitForController(page) {
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 20000 });
}

function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  assert.equal(bytes.toString('ascii', 12, 16), 'IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('manifest: valid JSON with the required fields, linked from index.html, icons of the right sizes', async () => {
  const manifest = JSON.parse(await distFile('manifest.webmanifest'));
  for (const field of ['id', 'name', 'short_name', 'start_url', 'scope', 'theme_color', 'background_color'])
    assert.equal(typeof manifest[field], 'string', `manifest.${field}`);
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  const wanted = [['192x192', 'any'], ['512x512', 'any'], ['512x512', 'maskable']];
  for (const [sizes, purpose] of wanted) {
    const icon = manifest.icons.find((i) => i.sizes === sizes && i.purpose === purpose && i.type === 'image/png');
    assert.ok(icon, `a ${sizes} ${purpose} PNG icon`);
    const [w, h] = pngSize(await distFile(icon.src));
    assert.equal(`${w}x${h}`, sizes, icon.src);
  }
  assert.deepEqual(pngSize(await distFile('icons/apple-touch-icon.png')), [180, 180]);
  const html = (await distFile('index.html')).toString();
  assert.match(html, /<link rel="manifest" href="manifest.webmanifest">/);
  assert.match(html, /<link rel="apple-touch-icon" href="icons\/apple-touch-icon.png">/);
  assert.match(html, /<meta name="apple-mobile-web-app-title" content="Calf Coach">/);
  const served = await fetch(new URL('manifest.webmanifest', server.url));
  assert.equal(served.headers.get('content-type'), 'application/manifest+json');
});

test('integrity: every script of index.html and every script added at run time carries its sha384', async () => {
  const html = (await distFile('index.html')).toString();
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  // boot.js only: it adds app.js, and pwa.js after the first frame; the app adds a11y.js.
  assert.deepEqual(tags.map((tag) => /src="([^"]+)"/.exec(tag)?.[1]), ['boot.js'], tags.join());
  for (const tag of tags) {
    const src = /src="([^"]+)"/.exec(tag)[1];
    assert.equal(/integrity="([^"]+)"/.exec(tag)?.[1], sri(await distFile(src)), `${src} in index.html`);
  }
  const page = await newPage(browser, DESKTOP);
  await openApp(page, server.url);
  await page.waitForFunction(() => !!window.calfcoachA11y, null, { timeout: 10000 });
  // pwa.js comes after the first frame (boot.js adds it then).
  await page.waitForFunction(() => [...document.scripts].some((s) => s.getAttribute('src') === 'pwa.js'), null, { timeout: 10000 });
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ src: s.getAttribute('src'), integrity: s.integrity })));
  const names = scripts.map((s) => s.src).sort();
  assert.deepEqual(names, ['a11y.js', 'app.js', 'boot.js', 'pwa.js']);
  for (const { src, integrity } of scripts) assert.equal(integrity, sri(await distFile(src)), `${src} as loaded`);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('integrity: a tampered app.js is refused with a plain message in the page, not alert()', async () => {
  const dir = await distCopy();
  const appJs = path.join(dir, 'app.js');
  await writeFile(appJs, Buffer.concat([await readFile(appJs), Buffer.from('\n/* changed on the way */\n')]));
  const tampered = await startServer({ root: dir });
  const page = await newPage(browser, DESKTOP);
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  try {
    await page.goto(tampered.url);
    await page.waitForSelector('#notice:not([hidden])', { timeout: 10000 });
    assert.match(await page.textContent('#notice'), /could not be loaded: a file was missing or did not match/);
    assert.equal(await page.evaluate(() => typeof window.calfcoach), 'undefined', 'the app did not run');
    const problems = await page.problems();
    assert.ok(problems.some((p) => /integrity/i.test(p)), `the browser blocked it for integrity: ${problems}`);
    assert.deepEqual(dialogs, []);
  } finally {
    await page.close();
    tampered.stop();
  }
});

test('offline: once the service worker controls the page, the app runs and a session starts with the server gone', async () => {
  const own = await startServer();
  const page = await newPage(browser, PHONE);
  const context = page.context();
  try {
    const start = new URL('?test=1&timescale=60', own.url).href;
    await openApp(page, start);
    await waitForController(page);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      return { keys, count: keys.length ? (await (await caches.open(keys[0])).keys()).length : 0 };
    });
    assert.equal(cached.keys.length, 1, `one cache: ${cached.keys}`);
    assert.match(cached.keys[0], /^calfcoach-[0-9a-f]{16}$/);
    const sw = (await distFile('sw.js')).toString();
    assert.ok(sw.includes(JSON.stringify(cached.keys[0])), 'the cache is the version sw.js names');
    assert.ok(cached.count >= 10, `every file precached (${cached.count})`);

    own.stop();
    await context.setOffline(true);
    assert.equal(await page.evaluate(() => fetch('/nothing-here', { cache: 'no-store' }).then(() => 'answered', () => 'failed')), 'failed');
    page.problemList.length = 0;  // that probe's own "Failed to load resource"
    await page.reload();
    await page.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
    await settle(page);
    assert.equal((await state(page)).webgl, 2);
    await startQuickSession(page);
    await page.waitForFunction(() => window.calfcoach.state().session.steps_done > 0, null, { timeout: 20000 });
    assert.deepEqual(await page.problems(), []);
  } finally {
    await context.close();
    own.stop();
  }
});

test('offline: a patient\'s install leaves the clinic kit out; the kit\'s page keeps it, and it opens offline', async () => {
  const own = await startServer();
  const page = await newPage(browser, DESKTOP);
  const context = page.context();
  const cachedNames = () => page.evaluate(async () => {
    const keys = await caches.keys();
    if (!keys.length) return [];
    return (await (await caches.open(keys[0])).keys()).map((r) => new URL(r.url).pathname);
  });
  try {
    await openApp(page, own.url);
    await waitForController(page);
    const patient = await cachedNames();
    assert.ok(patient.includes('/app.wasm'), 'the patient app is kept');
    assert.deepEqual(patient.filter((p) => p.includes('clinic')), [], 'no kit file on a patient\'s install');

    await page.goto(new URL('clinic.html', own.url).href);
    await page.waitForFunction(() => window.calfcoach && window.calfcoach.state().app === 'clinic', null, { timeout: 20000 });
    await page.waitForFunction(async () => {
      const keys = await caches.keys();
      return (await (await caches.open(keys[0])).match('clinic.wasm')) !== undefined;
    }, null, { timeout: 20000 });
    const kept = await cachedNames();
    for (const name of ['/clinic.html', '/clinic.js', '/clinic.wasm', '/clinic.css']) assert.ok(kept.includes(name), name);

    own.stop();
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
    const kit = await state(page);
    assert.equal(kit.app, 'clinic');
    assert.ok(kit.items.some((i) => i.id === 'kit.name'));
    assert.deepEqual(await page.problems(), []);
  } finally {
    await context.close();
    own.stop();
  }
});

test('update: a new version shows "Update available", waits out a session, and reloads only on tap', async () => {
  const dir = await distCopy();
  const site = await startServer({ root: dir });
  const page = await newPage(browser, PHONE);
  try {
    // A slow clock: the session must still be playing, then paused, while the prompt is tested.
    // The real clock: "Get ready" lasts long enough that the Pause tap meets the layout it aimed at.
    await openApp(page, site.url);
    await waitForController(page);
    const oldVersion = await page.evaluate(async () => (await caches.keys())[0]);

    // Deploy a change: one file, and sw.js regenerated with the new hash.
    await writeFile(path.join(dir, 'style.css'), (await readFile(path.join(dir, 'style.css'), 'utf8')) + '\n/* next release */\n');
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'pwa', 'gen-pwa.mjs'), dir, '--sw-only']);
    const newVersion = /const VERSION = "([^"]+)"/.exec(await readFile(path.join(dir, 'sw.js'), 'utf8'))[1];
    assert.notEqual(newVersion, oldVersion);

    await page.reload();
    await page.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
    await page.waitForSelector('#cc-update-button', { state: 'visible', timeout: 20000 });
    assert.match(await page.textContent('#cc-update'), /Update available/);
    await settle(page);
    await saveScreenshot(page, 'update-available');

    // Not reloaded by itself.
    await page.evaluate(() => { window.ccMarker = 'before'; });
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => window.ccMarker), 'before');

    // During a session, playing or paused, the strip waits: hidden, and the player has the whole
    // height, so nothing is covered and "End session" needs no scroll.
    const fullHeight = () => page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().height === window.innerHeight);
    assert.equal(await fullHeight(), false, 'the strip takes room on Home');
    await startQuickSession(page);
    await page.waitForFunction(() => document.documentElement.classList.contains('cc-in-session'));
    assert.equal(await page.isVisible('#cc-update'), false);
    assert.equal(await fullHeight(), true);
    // Paused at once, before "Get ready" ends and the step's layout moves the buttons: still a session.
    await tap(page, 'player.pause');
    assert.equal((await state(page)).session.playing, false);
    assert.equal(await page.isVisible('#cc-update'), false);
    assert.equal(await fullHeight(), true);
    const end = await findItem(page, 'player.end');
    assert.ok(end.y + end.h <= PHONE.viewport.height, `End session at ${end.y + end.h}`);
    await saveScreenshot(page, 'update-during-session');
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => window.ccMarker), 'before');

    // The session over, the strip is back; a tap updates and reloads into the new version, the old
    // cache gone.
    await tap(page, 'player.end');
    assert.equal((await state(page)).screen, 'done');
    await page.waitForSelector('#cc-update-button', { state: 'visible', timeout: 5000 });
    assert.equal(await fullHeight(), false);
    assert.equal(await page.evaluate(() => window.ccMarker), 'before');
    const navigated = page.waitForEvent('framenavigated', { timeout: 20000 });
    await page.click('#cc-update-button');
    await navigated;
    await page.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
    assert.equal(await page.evaluate(() => window.ccMarker), undefined, 'the page reloaded');
    await page.waitForFunction((v) => caches.keys().then((k) => k.length === 1 && k[0] === v), newVersion, { polling: 200, timeout: 10000 });
    assert.equal(await page.isVisible('#cc-update'), false);
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
    site.stop();
  }
});

// (pwa.js also refuses in any iframe; not tested here: a test host page on another local origin is
// either blocked by local network checks or, from file://, denied service workers altogether.)
test('an embed (?embed=1) never registers a service worker', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, new URL('?embed=1', server.url).href);
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  // The same page without ?embed=1 does register: the check above can fail.
  await openApp(page, server.url);
  await page.waitForFunction(() => navigator.serviceWorker.getRegistrations().then((r) => r.length === 1), null, { polling: 200, timeout: 10000 });
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('Settings offers "Save for offline use", which downloads calfcoach-offline.html', async () => {
  const page = await newPage(browser, PHONE);
  await openApp(page, server.url);
  await tap(page, 'home.settings');
  // Mirrored for keyboards and screen readers by the accessibility layer (web/a11y.js).
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Save for offline use'), null, { timeout: 5000 });
  const download = page.waitForEvent('download', { timeout: 10000 });
  await tap(page, 'settings.save_offline');
  await saveScreenshot(page, 'settings-offline');
  const file = await download;
  assert.equal(file.suggestedFilename(), 'calfcoach-offline.html');
  const saved = await readFile(await file.path());
  assert.ok(saved.equals(await distFile('calfcoach-offline.html')), 'the download is the one-file page');
  assert.ok((await state(page)).texts.some((t) => /with no\s+internet connection/.test(t.text)));
  assert.deepEqual(await page.problems(), []);
  await page.close();
});
