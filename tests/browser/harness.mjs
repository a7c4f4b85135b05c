// harness.mjs — shared by the browser tests, in every engine: serve dist/, launch the engine
// CALFCOACH_ENGINE names (driver/index.mjs), open the app, read window.calfcoach.state(), tap items
// where a person would, analyse screenshots. Tests written against it run in Chromium, Firefox and
// WebKit alike; files named *.chromium.test.mjs use Chromium-only tools and run there only.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

import { ENGINE, launchBrowser as launchEngine } from './driver/index.mjs';
import { startInjectProxy } from './driver/inject-proxy.mjs';
import { decodePng } from './png.mjs';

export { ENGINE } from './driver/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const distDir = process.env.CALFCOACH_DIST || path.join(repoRoot, 'dist');
export const screenshotDir = path.join(repoRoot, 'build', 'screenshots');

export const DESKTOP = { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
export const PHONE = { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

// Starts scripts/serve.mjs on a free loopback port; resolves with {url, stop()}.
// host: the name to listen on and use in the URL (default 127.0.0.1); port: default 0 (any free one);
// cspExtra, cors, permissionsPolicy: scripts/serve.mjs --csp-extra, --cors, --permissions-policy;
// precompressed: false serves no precompressed copies (--no-precompressed; default true).
// In WebKit the server sits behind the inject proxy at the same host and port (its init scripts).
export async function startServer(options = {}) {
  if (ENGINE !== 'webkit' || options.direct) return startServeMjs(options);
  const backend = await startServeMjs({ ...options, host: undefined, port: 0 });
  const proxy = await startInjectProxy({ host: options.host || '127.0.0.1', port: options.port || 0, backend: backend.url });
  return { url: proxy.url, stop: () => { proxy.stop(); backend.stop(); } };
}

async function startServeMjs({ root = distDir, frameAncestors, host, port = 0, cspExtra, cors, permissionsPolicy, precompressed = true } = {}) {
  const args = [path.join(repoRoot, 'scripts', 'serve.mjs'), '--root', root, '--port', String(port), '--quiet'];
  if (!precompressed) args.push('--no-precompressed');
  if (frameAncestors) args.push('--frame-ancestors', frameAncestors);
  if (host) args.push('--host', host);
  if (cspExtra) args.push('--csp-extra', cspExtra);
  if (cors) args.push('--cors', cors);
  if (permissionsPolicy) args.push('--permissions-policy', permissionsPolicy);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = buffered.match(/on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

// One server for dist/ and one browser for a whole test file: registers the file's before/after hooks
// and hands both over once they are up, e.g. useServerAndBrowser((up) => ({ server, browser } = up)).
export function useServerAndBrowser(receive, serverOptions = {}) {
  let up = null;
  before(async () => {
    up = { server: await startServer(serverOptions), browser: await launchBrowser() };
    receive(up);
  });
  after(async () => {
    await up?.browser.close();
    up?.server.stop();
  });
}

export const launchBrowser = () => launchEngine(ENGINE);

// A new page (its own profile: storage, cache) that records console errors, page errors and CSP
// violations (page.problems()), warnings, requests and downloads; driver/index.mjs lists its API.
export async function newPage(browser, device) {
  return browser.newPage(device);
}

export async function openApp(page, url) {
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
  } catch (error) {
    // What the page itself reported while it started (an abort's message, a failed fetch).
    const problems = await page.problems().catch(() => []);
    error.message += problems.length ? `; the page reported: ${JSON.stringify(problems).slice(0, 1500)}` : '; the page reported nothing';
    throw error;
  }
  await settle(page);
}

// The requests of a page that went anywhere but `origin` (data: and blob: URLs stay in the page).
export async function foreignRequests(page, origin) {
  const allowed = new URL(origin).origin;
  return (await page.requests()).filter((url) => !/^(data|blob|about):/.test(url) && new URL(url).origin !== allowed);
}

export const state = (page) => page.evaluate(() => window.calfcoach.state());

// Frames after `f` have been drawn, and either the last asked for no other (a screen change done) or
// three came (a screen that keeps animating: ImGui takes a press, then the release that acts, then
// draws the new screen, each in its own frame).
const framesAfter = (f) => {
  const now = window.calfcoach.state();
  return now.frame >= f + 3 || (now.frame > f && !now.animating);
};

const busy = (s) => s.animating || (s.screen === 'player' && s.session?.playing === true);

// Waits until no frame has been drawn for `quietMs` (render on demand settles after input).
export async function settle(page, quietMs = 300, timeoutMs = 5000) {
  const start = Date.now();
  // An animated screen (a moving diagram on the canvas) or a playing session (its countdown draws
  // every second of the app's clock, 60 times a second at ?timescale=60) never goes quiet: a few more
  // frames will do (engines differ a lot in how soon they come).
  const first = await state(page);
  if (busy(first)) {
    await page.waitForFunction(framesAfter, first.frame, { timeout: timeoutMs });
    return;
  }
  let last = first.frame;
  let lastChange = Date.now();
  while (Date.now() - start < timeoutMs) {
    await page.waitForTimeout(50);
    const current = await state(page);
    if (busy(current)) {
      await page.waitForFunction(framesAfter, current.frame, { timeout: timeoutMs });
      return;
    }
    const frame = current.frame;
    if (frame !== last) { last = frame; lastChange = Date.now(); }
    else if (Date.now() - lastChange >= quietMs) return;
  }
  throw new Error(`frames kept coming for ${timeoutMs} ms`);
}

// Watches an idle page for `ms` and asserts render on demand: no frame drawn unless the browser sent
// the window an event meanwhile (focus arriving late, a resize: the shell counts why it woke), and
// then only the few frames one event asks for. A frame loop, a timer or the app waking itself fails.
const FRAMES_PER_WAKE = 3;  // kFramesAfterInput in web_shell_web.cpp
export async function assertIdle(page, ms, what = 'frames were drawn while nothing changed') {
  const before = await state(page);
  await page.waitForTimeout(ms);
  const after = await state(page);
  const woke = Object.fromEntries(Object.keys(after.wakes).map((k) => [k, after.wakes[k] - before.wakes[k]])
    .filter(([, n]) => n > 0));
  const drawn = after.frame - before.frame;
  const byWindow = woke.window ?? 0;
  assert.ok(Object.keys(woke).every((k) => k === 'window') && drawn <= FRAMES_PER_WAKE * byWindow,
    `${what}: ${drawn} frame(s), woken by ${JSON.stringify(woke)}`);
  return after;
}

export async function findItem(page, id) {
  const current = await state(page);
  const item = current.items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no item "${id}" on screen "${current.screen}": ${current.items.map((i) => i.id).join(', ')}`);
  return item;
}

// The app draws a press, a release and what they caused over the frames that follow the input event
// (at least kFramesAfterInput = 3). A slow or loaded engine can deliver a click later than settle()'s
// quiet window, and state() between the frame that changed screen and the next one lists the old
// screen's items: wait until that many frames have been drawn since the input.
async function inputDrawn(page, frameBefore) {
  await page.waitForFunction((f) => window.calfcoach.state().frame >= f + 3, frameBefore, { timeout: 10000 });
}

// A touch drag from (x, y0) to (x, y1), as a finger scrolls a page.
export async function touchDrag(page, x, y0, y1, steps = 8) {
  await page.touchDrag(x, y0, y1, steps);
  await settle(page);
}

// Scrolls until the item is fully in the viewport: a finger drag on touch devices, the wheel otherwise.
export async function scrollIntoView(page, id) {
  const { width, height } = page.viewportSize();
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await state(page);
    const item = current.items.find((candidate) => candidate.id === id);
    if (!item) return findItem(page, id);  // its error names the screen and what is on it
    // A sticky footer (Before you start) covers the page under it; its own items are always on screen.
    // The page's own strips ("Update available") take room below the canvas: what is under them is
    // not on screen either.
    const footer = current.footer_top;
    const canvasBottom = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().bottom);
    const shown = Math.min(height, canvasBottom);
    const visible = typeof footer === 'number' && item.y < footer ? Math.min(footer, shown) : shown;
    if (item.y >= 0 && item.y + item.h <= visible) return item;
    const distance = item.y + item.h > visible ? Math.min(item.y + item.h - visible + 40, height * 0.6)
                                               : -Math.min(40 - item.y, height * 0.6);
    if (page.touch) await touchDrag(page, width / 2, height * 0.7, height * 0.7 - distance);
    else {
      await page.mouse.move(width / 2, height / 2);
      await page.mouse.wheel(0, distance);
      await settle(page);
    }
  }
  return findItem(page, id);
}

// Taps (touch devices) or clicks (mouse) the centre of an item, as a person would.
export async function tap(page, id) {
  const item = await scrollIntoView(page, id);
  const x = item.x + item.w / 2;
  const y = item.y + item.h / 2;
  const { frame } = await state(page);
  if (page.touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
  await inputDrawn(page, frame);
  await settle(page);
}

// build/screenshots/ENGINE-DEVICE-NAME.png
export async function saveScreenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${page.engine}-${page.deviceName}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Summarises a screenshot's pixels: how many differ from the page background and how many distinct
// colours there are (text drawn gives many).
export function analysePixels(png, background = [0xf2, 0xf6, 0xf4]) {
  const { width, height, pixels } = decodePng(png);
  let differing = 0;
  const colours = new Set();
  for (let i = 0; i < pixels.length; i += 4) {
    const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
    if (Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 24) differing++;
    if (colours.size < 4096) colours.add((r << 16) | (g << 8) | b);
  }
  return { total: width * height, differing, colours: colours.size };
}

// The safety check, page by page, as a person does it: on each page, marks the signs named in
// `marks` ({question: 'yes' | 'unsure'}) that are on it, then "None of these" / "None of the others".
// Ends when the check does (an emergency mark ends it at once). `press` is how an item is pressed
// (a tap by default; a key press, or a tap in a frame). Returns the taps made.
export async function answerSafety(page, marks = {}, press = (id) => tap(page, id), read = () => state(page)) {
  let taps = 0;
  for (let guard = 0; guard < 20 && (await read()).screen === 'safety'; guard++) {
    for (const [question, mark] of Object.entries(marks)) {
      const id = `${mark === 'yes' ? 'safety.sign.' : 'safety.unsure.'}${question}`;
      const item = (await read()).items.find((i) => i.id === id);
      if (!item || item.checked) continue;
      await press(id);
      taps++;
      if ((await read()).screen !== 'safety') return taps;
    }
    await press('safety.none');
    taps++;
  }
  return taps;
}

// Home -> the safety check with nothing marked -> the first preset -> the player, playing.
export async function startQuickSession(page) {
  await tap(page, 'home.start');
  await answerSafety(page);
  assert.equal((await state(page)).screen, 'safety_result');
  await tap(page, 'safety.continue');
  await tap(page, 'prepare.preset.0');
  await tap(page, 'prepare.start');
  assert.equal((await state(page)).screen, 'player');
  assert.equal((await state(page)).session.playing, true);
}

// A physio's programme code (#rx=...) made the way a clinic makes it: the native tool's `prescribe`
// (build/native/calfcoach, built by scripts/test's native suite first) over docs/examples/prescription.json
// with `changes` applied.
export async function prescriptionCode(changes = {}) {
  const { readFile, writeFile, mkdtemp, rm } = await import('node:fs/promises');
  const { execFile } = await import('node:child_process');
  const os = await import('node:os');
  const tool = path.join(repoRoot, 'build', 'native', 'calfcoach');
  const example = JSON.parse(await readFile(path.join(repoRoot, 'docs', 'examples', 'prescription.json'), 'utf8'));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'calfcoach-rx-'));
  try {
    const file = path.join(dir, 'prescription.json');
    await writeFile(file, JSON.stringify({ ...example, ...changes }));
    const out = await new Promise((resolve, reject) => execFile(tool, ['prescribe', file], (error, stdout, stderr) =>
      (error ? reject(new Error(`${tool} prescribe failed (is the native build there?): ${stderr || error.message}`)) : resolve(stdout))));
    const match = /#rx=([A-Za-z0-9_-]+)/.exec(out);
    assert.ok(match, `no #rx= link in: ${out}`);
    return match[1];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The first file the page offered for download, once its content has been read (driver/instrument.js).
export const firstDownload = (page) => downloadNamed(page, null);

// The last file named `name` the page offered for download (null: the first of any name), once read:
// { name, type, text, base64 }; text is null for a file that is not text (a PNG's bytes as text hold
// NULs, which WebKit's WebDriver cannot hand back).
export async function downloadNamed(page, name) {
  return page.waitForFunction((wanted) => {
    const files = window.__ccHarness.downloads.filter((f) => wanted === null || f.name === wanted);
    const found = wanted === null ? files[0] : files[files.length - 1];
    if (!found || found.text === null) return null;
    const textual = !found.type || /^(text\/|application\/json|image\/svg\+xml)/.test(found.type);
    return { name: found.name, type: found.type, base64: found.base64, text: textual ? found.text : null };
  }, name, { timeout: 5000 });
}
