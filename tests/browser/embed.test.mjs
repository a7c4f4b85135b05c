// Calf Coach inside a clinic's page, across origins: the host page (web/embed-example.html, served on
// http://localhost:P1 with its own CSP) loads embed.js from the app (http://127.0.0.1:P2), which makes
// the iframe. Checked: it renders, grows with its content, the events reach the div with the right
// data (the safety level only), a message from a third origin is ignored, the app posts nothing to a
// parent that is not its host, storage blocked in the frame is said, invalid parameters are ignored
// with warnings, a clinic's content file is used or, when invalid, its errors shown. No console error
// and no CSP violation on any page (the harness turns each into a console error).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { answerSafety,
  DESKTOP, ENGINE, PHONE, distDir, launchBrowser, newPage, prescriptionCode, repoRoot, saveScreenshot, startServer,
} from './harness.mjs';

let browser;
let servers = [];
let tmp;
let hostOrigin;
let appOrigin;
let thirdOrigin;
let inlineLearn;
let loweredBundle;

const freePort = () => new Promise((resolve, reject) => {
  const probe = net.createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

// The example page as a clinic would deploy it: embed.js from the app's origin; `attributes`
// replace the div's data-* attributes (null: keep the example's).
async function hostPage(name, attributes = null) {
  let html = await readFile(path.join(distDir, 'embed-example.html'), 'utf8');
  html = html.replace('<script src="embed.js" async>', `<script src="${appOrigin}/embed.js" async>`);
  if (attributes !== null) {
    html = html.replace(/<div id="calfcoach" data-calfcoach[^>]*>/s, `<div id="calfcoach" data-calfcoach ${attributes}>`);
  }
  await writeFile(path.join(tmp, 'host', name), html);
  return `${hostOrigin}/${name}`;
}

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'calfcoach-embed-'));
  const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
  hostOrigin = `http://localhost:${p1}`;
  appOrigin = `http://127.0.0.1:${p2}`;
  thirdOrigin = `http://127.0.0.1:${p3}`;

  const { mkdir } = await import('node:fs/promises');
  await mkdir(path.join(tmp, 'host'));
  await mkdir(path.join(tmp, 'third'));
  for (const file of ['embed-example.css', 'embed-example.js', 'icon.svg'])
    await writeFile(path.join(tmp, 'host', file), await readFile(path.join(distDir, file)));
  // A clinic's content file (Learn's first section retitled) and a broken one (no safety rules).
  const learn = JSON.parse(await readFile(path.join(repoRoot, 'content', 'learn.json'), 'utf8'));
  learn.sections[0].title = 'Advice from Riverside Physiotherapy';
  await writeFile(path.join(tmp, 'host', 'clinic-content.json'), JSON.stringify({ 'learn.json': learn }));
  const triage = JSON.parse(await readFile(path.join(repoRoot, 'content', 'triage.json'), 'utf8'));
  triage.rules = [];
  await writeFile(path.join(tmp, 'host', 'bad-content.json'), JSON.stringify({ 'triage.json': triage }));
  // Content inside the snippet: the same kind of bundles, as text.
  inlineLearn = JSON.parse(await readFile(path.join(repoRoot, 'content', 'learn.json'), 'utf8'));
  const lowered = JSON.parse(await readFile(path.join(repoRoot, 'content', 'triage.json'), 'utf8'));
  assert.equal(lowered.rules[0].id, 'possible_lung_clot');
  lowered.rules[0].level = 'see_professional';  // chest symptoms would no longer be an emergency
  loweredBundle = JSON.stringify({ 'triage.json': lowered });
  // A frame of the host's own origin that is not the app's parent, and one of a third origin: both
  // send the app a content message (a bundle it would refuse, so taking it would show).
  const stranger = `parent.frames[0].postMessage({ source: 'calfcoach-host', type: 'calfcoach:content', detail: { content: '{"learn.json": 1}' } }, '*');`;
  await writeFile(path.join(tmp, 'third', 'content-sender.js'), stranger);
  await writeFile(path.join(tmp, 'third', 'content-sender.html'),
    '<!doctype html><title>third</title><link rel="icon" href="data:,"><script src="content-sender.js"></script>');
  await writeFile(path.join(tmp, 'host', 'content-sender.js'), stranger);
  await writeFile(path.join(tmp, 'host', 'content-sender.html'),
    '<!doctype html><title>child</title><link rel="icon" href="data:,"><script src="content-sender.js"></script>');
  // A plain iframe asking for inline content that nobody sends (the app's clock 20 times faster).
  await writeFile(path.join(tmp, 'host', 'no-content.html'),
    `<!doctype html><title>no content</title><link rel="icon" href="data:,"><iframe src="${appOrigin}/?embed=1&content=inline&timescale=20&host=${encodeURIComponent(hostOrigin)}" title="app"></iframe>`);
  // The third origin: a frame that messages the app, and a page that embeds the app with the host's origin.
  await writeFile(path.join(tmp, 'third', 'sibling.html'),
    '<!doctype html><title>third</title><link rel="icon" href="data:,"><script src="sibling.js"></script>');
  await writeFile(path.join(tmp, 'third', 'sibling.js'),
    "parent.frames[0].postMessage({ source: 'calfcoach-host', type: 'calfcoach:hello' }, '*');");
  await writeFile(path.join(tmp, 'third', 'parent.html'),
    `<!doctype html><title>not the host</title><link rel="icon" href="data:,"><iframe src="${appOrigin}/?embed=1&host=${encodeURIComponent(hostOrigin)}" title="app"></iframe>`);

  servers = await Promise.all([
    // The clinic's own Permissions-Policy must name the app for the wake lock it delegates.
    startServer({ root: path.join(tmp, 'host'), host: 'localhost', port: p1, cors: appOrigin,
                  permissionsPolicy: `screen-wake-lock=(self "${appOrigin}"), camera=(), microphone=(), geolocation=()`,
                  // blob: as docs/embedding.md asks: Firefox and WebKit check the app's file downloads against it.
                  // 'self': a frame of the host's own origin that messages the app (it must be ignored).
                  cspExtra: `script-src ${appOrigin}; frame-src 'self' ${appOrigin} ${thirdOrigin} blob:` }),
    startServer({ port: p2, frameAncestors: `${hostOrigin} ${thirdOrigin}`, cspExtra: `connect-src ${hostOrigin}` }),
    startServer({ root: path.join(tmp, 'third'), port: p3, frameAncestors: hostOrigin,
                  cspExtra: `script-src 'self'; frame-src ${appOrigin}` }),
  ]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const server of servers) server.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// A host page whose snippet carries `bundle` (text) in its JSON script element, as the kit writes
// it: every '<' escaped, so nothing in it can end the element.
async function inlineHostPage(name, bundle, attributes = 'data-clinic="Riverside Physio"') {
  let html = await readFile(path.join(distDir, 'embed-example.html'), 'utf8');
  html = html.replace('<script src="embed.js" async>', `<script src="${appOrigin}/embed.js" async>`);
  const script = `<script type="application/json" data-calfcoach-content>${bundle.replace(/</g, '\\u003c')}</script>`;
  html = html.replace(/<div id="calfcoach" data-calfcoach[^>]*>/s, (tag) => `<div id="calfcoach" data-calfcoach ${attributes}>${script}`);
  assert.ok(html.includes('data-calfcoach-content'));
  await writeFile(path.join(tmp, 'host', name), html);
  return `${hostOrigin}/${name}`;
}

const learnBundle = (title) => {
  const learn = structuredClone(inlineLearn);
  learn.sections[0].title = title;
  return JSON.stringify({ 'learn.json': learn });
};

// Presses an item through the accessibility layer's HTML control, as a screen reader does (the same
// in every engine: no click through a cross-origin frame), then waits for the frame to settle.
async function pressInFrame(frame, id) {
  await frame.waitForFunction((which) => !!document.querySelector(`#cc-a11y [data-id="${which}"]`), id, { timeout: 5000 });
  const before = (await frameState(frame)).frame;
  await frame.evaluate((which) => document.querySelector(`#cc-a11y [data-id="${which}"]`).click(), id);
  await frame.waitForFunction((f) => window.calfcoach.state().frame > f, before, { timeout: 5000 });
  await settleFrame(frame);
}

const applied = (page) => page.evaluate(() => window.__events.filter((e) => e.type === 'calfcoach:content-applied'));
async function appliedCount(page, n) {
  await page.waitForFunction((k) => window.__events.filter((e) => e.type === 'calfcoach:content-applied').length >= k, n, { timeout: 10000 });
  return (await applied(page))[n - 1];
}

// Opens a host page; records the div's events, the height messages and every console warning.
async function openHost(url, device = DESKTOP, { initScript } = {}) {
  const page = await newPage(browser, device);
  if (initScript) await page.addInitScript(...initScript);
  await page.addInitScript(() => {
    if (window !== window.top) return;
    window.__events = [];
    window.__heights = 0;
    for (const type of ['calfcoach:ready', 'calfcoach:safety-result', 'calfcoach:session-complete', 'calfcoach:contact-clinic',
      'calfcoach:content-applied'])
      document.addEventListener(type, (event) => window.__events.push({ type, detail: event.detail, target: event.target.id }));
    window.addEventListener('message', (event) => { if (event.data && event.data.type === 'calfcoach:height') window.__heights++; });
  });
  await page.goto(url);
  const frame = await appFrame(page);
  return { page, frame };
}

// The console warnings of the page and its frames, less the GPU driver's own.
const warningsOf = async (page) => (await page.warnings()).filter((w) => !w.includes('GL Driver'));

async function appFrame(page) {
  for (let i = 0; i < 200; i++) {
    const frame = await page.frame(appOrigin);
    if (frame) {
      await frame.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
      return frame;
    }
    await page.waitForTimeout(50);
  }
  throw new Error('no app frame');
}

const frameState = (frame) => frame.evaluate(() => window.calfcoach.state());
const events = (page) => page.evaluate(() => window.__events);
const iframeBox = (page) => page.evaluate(() => {
  const r = document.querySelector('#calfcoach iframe').getBoundingClientRect();
  return { x: r.left, y: r.top + window.scrollY, w: r.width, h: r.height };
});

async function settleFrame(frame, quietMs = 300) {
  let last = (await frameState(frame)).frame;
  let since = Date.now();
  const start = Date.now();
  while (Date.now() - start < 8000) {
    await new Promise((r) => setTimeout(r, 50));
    const s = await frameState(frame);
    if ((s.animating || s.session?.playing) && s.screen === 'player') return;  // never quiet: the countdown
    if (s.frame !== last) { last = s.frame; since = Date.now(); } else if (Date.now() - since >= quietMs) return;
  }
}

// The host has painted since its last change. The app's frame lives in another process (another
// site), and the browser routes a click into it by the last painted layout: a click sent straight
// after a scroll can land where the button was before it.
const hostPainted = (page) => page.evaluate(() => new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
}));

// Waits until the iframe is as tall as the app last asked and the app has drawn at that size, so
// the positions read next are the ones the click will meet.
async function frameLaidOut(page, frame) {
  const start = Date.now();
  while (Date.now() - start < 8000) {
    await settleFrame(frame);
    const [asked, inner] = await frame.evaluate(() => [Module['ccEmbed'].height, window.innerHeight]);
    const box = await iframeBox(page);
    if (asked > 0 && Math.round(box.h) === Math.min(2000, Math.max(480, asked)) && inner === Math.round(box.h)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the iframe never took the height the app asked for');
}

// Clicks an item of the app where a person would: scroll the host page to it, then click its centre.
// The press is checked to have reached the app where it was aimed, so a missed click fails here, by name.
async function tapInFrame(page, frame, id) {
  await frameLaidOut(page, frame);
  const s = await frameState(frame);
  const item = s.items.find((i) => i.id === id);
  assert.ok(item, `no "${id}" on ${s.screen}: ${s.items.map((i) => i.id).join(', ')}`);
  const box = await iframeBox(page);
  const viewport = page.viewportSize();
  await page.evaluate((y) => window.scrollTo(0, y), Math.max(0, box.y + item.y + item.h / 2 - viewport.height / 2));
  await hostPainted(page);
  const top = await page.evaluate(() => document.querySelector('#calfcoach iframe').getBoundingClientRect().top);
  await frame.evaluate(() => {
    window.__press = null;
    document.addEventListener('mousedown', (e) => { window.__press = { x: e.clientX, y: e.clientY }; }, { capture: true, once: true });
  });
  await page.mouse.click(box.x + item.x + item.w / 2, top + item.y + item.h / 2);
  const press = await frame.waitForFunction(() => window.__press, null, { timeout: 3000 }).catch(() => null);
  assert.ok(press && Math.abs(press.x - (item.x + item.w / 2)) <= 2 && Math.abs(press.y - (item.y + item.h / 2)) <= 2,
            `the click on "${id}" reached the app at ${JSON.stringify(press)}, aimed at ${item.x + item.w / 2},${item.y + item.h / 2}`);
  await settleFrame(frame);
}

const texts = (s) => s.texts.map((t) => t.text).join('\n');

test('the example clinic page embeds the app across origins: it renders, grows, says ready', async () => {
  for (const device of [PHONE, DESKTOP]) {
    const { page, frame } = await openHost(await hostPage('index.html'), device);
    await settleFrame(frame);
    const s = await frameState(frame);
    assert.equal(s.webgl, 2);
    assert.equal(s.embed, true);
    assert.equal(s.screen, 'home');
    assert.match(texts(s), /Offered by Riverside Physiotherapy/);
    // The iframe follows the height the app asks for (not the 640 px it starts with).
    await page.waitForFunction(() => document.querySelector('#calfcoach').dataset.calfcoachHeight);
    const asked = Number(await page.evaluate(() => document.querySelector('#calfcoach').dataset.calfcoachHeight));
    const box = await iframeBox(page);
    assert.ok(asked >= 480 && asked <= 2000, `height ${asked}`);
    assert.equal(Math.round(box.h), asked);
    assert.notEqual(asked, 640);
    // Everything on Home fits in the iframe: the last item ends inside it.
    const lastItem = s.items[s.items.length - 1];
    assert.ok(lastItem.y + lastItem.h <= asked, `last item at ${lastItem.y + lastItem.h}, frame ${asked}`);
    // The iframe is what the snippet promises.
    const attributes = await page.evaluate(() => {
      const f = document.querySelector('#calfcoach iframe');
      return { sandbox: f.getAttribute('sandbox'), allow: f.getAttribute('allow'), title: f.title, src: f.src };
    });
    assert.equal(attributes.sandbox, 'allow-scripts allow-same-origin allow-popups allow-downloads');
    assert.equal(attributes.allow, 'screen-wake-lock; autoplay; web-share');
    assert.match(attributes.title, /Calf Coach.*Riverside Physiotherapy/);
    const src = new URL(attributes.src);
    assert.equal(src.origin, appOrigin);
    assert.equal(src.searchParams.get('host'), hostOrigin);
    assert.equal(src.searchParams.get('embed'), '1');
    // Ready, once, on the div.
    await page.waitForFunction(() => window.__events.some((e) => e.type === 'calfcoach:ready'));
    const ready = (await events(page)).filter((e) => e.type === 'calfcoach:ready');
    assert.equal(ready.length, 1);
    assert.equal(ready[0].target, 'calfcoach');
    assert.deepEqual(ready[0].detail, {});
    // The example's accent (#2a7) is too light under white text: darkened, and said.
    assert.ok(s.accent, 'accent in use');
    assert.ok((await warningsOf(page)).some((w) => /accent #22aa77 is too light/.test(w)), (await warningsOf(page)).join('\n'));
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'embed-example');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await saveScreenshot(page, 'embed-example-end');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  }
});

// A real finger drag, which only Chromium's CDP touch gives here: Firefox's BiDi touch actions reach
// the frame but never pan the page (0 px), WebKitWebDriver has no touch input at all, and touch
// events dispatched from a script never scroll a page. So this one runs in Chromium alone.
if (ENGINE === 'chromium') test('on a phone, a drag on the app scrolls the clinic page; a tap is still one tap', async () => {
  const { page, frame } = await openHost(await hostPage('index.html'), PHONE);
  await settleFrame(frame);
  await page.waitForFunction(() => document.querySelector('#calfcoach').dataset.calfcoachHeight);
  const box = await iframeBox(page);
  const x = page.viewportSize().width / 2;
  // A finger on the app, well inside the iframe, drags up by 300 px.
  const startY = Math.min(box.y + box.h - 50, page.viewportSize().height - 100);
  assert.ok(startY > box.y + 50, 'the drag starts on the app');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await page.touchDrag(x, startY, startY - 300, 10);
  await page.waitForTimeout(300);
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 100, `the page scrolled ${scrolled} px`);
  await settleFrame(frame);
  assert.equal((await frameState(frame)).screen, 'home', 'the drag pressed nothing');
  // A tap on Start lands once: the first question, not a second press on what comes next.
  const s = await frameState(frame);
  const start = s.items.find((i) => i.id === 'home.start');
  const top = await page.evaluate(() => document.querySelector('#calfcoach iframe').getBoundingClientRect().top);
  await page.evaluate((y) => window.scrollBy(0, y), top + start.y - 200);
  await hostPainted(page);
  const top2 = await page.evaluate(() => document.querySelector('#calfcoach iframe').getBoundingClientRect().top);
  await page.touchscreen.tap(box.x + start.x + start.w / 2, top2 + start.y + start.h / 2);
  await settleFrame(frame);
  const after = await frameState(frame);
  assert.equal(after.screen, 'safety');
  assert.equal(after.page_index, 0);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

// Clicks inside the app's cross-origin frame after the host page scrolls: in WebKitGTK under its
// driver such a click reached the app at the right point and was still lost, now and then (seen in a
// full run, never alone; cause not found yet). Until it is understood these two run in Chromium and
// Firefox; WebKit still runs every other embed test here.
if (ENGINE !== 'webkit') test('events reach the div with the right data: safety level only, session complete, contact clinic', async () => {
  // data-src keeps ?timescale=600 so the session runs in about a second.
  const url = await hostPage('events.html',
    `data-src="${appOrigin}/?timescale=600" data-clinic="Riverside Physio" data-phone="+44 20 7946 0000"`);
  const { page, frame } = await openHost(url, DESKTOP, {
    // A tel: link is the phone's dialer's business: record it in the app's frame instead of letting
    // headless Chromium (which has no dialer) navigate the frame away.
    initScript: [(origin) => {
      if (location.origin !== origin) return;
      window.__tel = [];
      document.addEventListener('click', (event) => {
        const link = event.target.closest && event.target.closest('a[href^="tel:"]');
        if (!link) return;
        event.preventDefault();
        window.__tel.push(link.href);
      }, true);
    }, appOrigin],
  });
  await settleFrame(frame);
  await tapInFrame(page, frame, 'home.start');
  await answerSafety(page, {}, (id) => tapInFrame(page, frame, id), () => frameState(frame));
  assert.equal((await frameState(frame)).level, 'ok');
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'calfcoach:safety-result'));
  const result = (await events(page)).find((e) => e.type === 'calfcoach:safety-result');
  assert.deepEqual(result.detail, { level: 'ok' });  // the level only: no answers, no question ids

  await tapInFrame(page, frame, 'safety.continue');
  await tapInFrame(page, frame, 'prepare.preset.0');
  await tapInFrame(page, frame, 'prepare.start');
  await frame.waitForFunction(() => window.calfcoach.state().screen === 'done', null, { timeout: 30000 });
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'calfcoach:session-complete'));
  const done = (await events(page)).find((e) => e.type === 'calfcoach:session-complete');
  assert.deepEqual(Object.keys(done.detail).sort(), ['duration_s', 'ended', 'legs']);
  assert.equal(done.detail.legs, 'both');
  assert.equal(done.detail.ended, 'completed');
  assert.ok(done.detail.duration_s > 60 && done.detail.duration_s < 1800, `duration ${done.detail.duration_s}`);
  // The example page keeps its own record from the event.
  assert.match(await page.evaluate(() => document.getElementById('log').textContent), /min, both legs/);

  await settleFrame(frame);
  const call = (await frameState(frame)).items.find((i) => i.id === 'clinic.call');
  assert.equal(call.label, 'Call Riverside Physio');
  await tapInFrame(page, frame, 'clinic.call');
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'calfcoach:contact-clinic'));
  const contact = (await events(page)).filter((e) => e.type === 'calfcoach:contact-clinic');
  assert.equal(contact.length, 1);
  assert.deepEqual(contact[0].detail, {});
  assert.deepEqual(await frame.evaluate(() => window.__tel), ['tel:+442079460000']);
  // The Done screen is longer than Home: the iframe grew with it.
  const box = await iframeBox(page);
  assert.ok(box.h > 700, `iframe ${box.h} px on Done`);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('messages from a third origin are ignored; the host is heard; nothing is posted to a stranger', async () => {
  const { page, frame } = await openHost(await hostPage('third.html'), DESKTOP);
  await settleFrame(frame);
  // Positive control: the host's own hello is answered with the height.
  const before = await page.evaluate(() => window.__heights);
  await page.evaluate((origin) => document.querySelector('#calfcoach iframe').contentWindow
    .postMessage({ source: 'calfcoach-host', type: 'calfcoach:hello' }, origin), appOrigin);
  await page.waitForFunction((n) => window.__heights > n, before);
  // A frame from a third origin in the same page says hello: ignored (and said in the console).
  const heard = await page.evaluate(() => window.__heights);
  await page.evaluate((src) => {
    const sibling = document.createElement('iframe');
    sibling.src = src;
    sibling.title = 'third party';
    document.body.appendChild(sibling);
  }, `${thirdOrigin}/sibling.html`);
  const warning = new RegExp(`ignored a message from ${thirdOrigin.replace(/[.:/]/g, '\\$&')}`);
  for (let i = 0; i < 100 && !(await warningsOf(page)).some((w) => warning.test(w)); i++) await page.waitForTimeout(50);
  assert.ok((await warningsOf(page)).some((w) => warning.test(w)), (await warningsOf(page)).join('\n'));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__heights), heard);
  assert.deepEqual(await page.problems(), []);
  await page.close();

  // A page at the third origin frames the app, which was told its host is the clinic: the app's
  // messages are addressed to the clinic's origin only, so this parent never receives one.
  const stranger = await newPage(browser, DESKTOP);
  await stranger.addInitScript(() => {
    if (window !== window.top) return;
    window.__received = 0;
    window.addEventListener('message', () => { window.__received++; });
  });
  await stranger.goto(`${thirdOrigin}/parent.html`);
  const app = await appFrame(stranger);
  await settleFrame(app);
  await stranger.waitForTimeout(300);
  assert.equal(await stranger.evaluate(() => window.__received), 0);
  // The browser refuses the post to a mismatched origin (its console error is the proof); nothing else.
  assert.deepEqual((await stranger.problems()).filter((p) => !/target origin provided .* does not match/.test(p)), []);
  await stranger.close();
});

test("the clinic's page cannot jump the app past its safety check: a preview message from another origin is ignored", async () => {
  const { page, frame } = await openHost(await hostPage('preview.html'), DESKTOP);
  await settleFrame(frame);
  // The host's own origin, the parent, a well-formed message: still not the kit beside the app.
  await page.evaluate((origin) => document.querySelector('#calfcoach iframe').contentWindow
    .postMessage({ source: 'calfcoach-host', type: 'calfcoach:preview', detail: { screen: 'player' } }, origin), appOrigin);
  const warning = /ignored a preview message/;
  for (let i = 0; i < 100 && !(await warningsOf(page)).some((w) => warning.test(w)); i++) await page.waitForTimeout(50);
  assert.ok((await warningsOf(page)).some((w) => warning.test(w)), (await warningsOf(page)).join('\n'));
  await settleFrame(frame);
  const s = await frameState(frame);
  assert.equal(s.screen, 'home');
  assert.equal(s.preview, false);
  assert.equal(s.session, null);
  await page.close();
});

test("a programme link to the clinic's page reaches the app in the frame and leaves both addresses", async () => {
  const code = await prescriptionCode();
  const url = `${await hostPage('programme.html')}#rx=${code}`;
  const { page, frame } = await openHost(url, PHONE);
  await settleFrame(frame);
  await frame.waitForFunction(() => window.calfcoach.state().screen === 'programme', null, { timeout: 10000 });
  const s = await frameState(frame);
  assert.equal(s.programme_offer.ok, true);
  assert.equal(s.programme_offer.clinic, 'Riverside Physio');
  assert.doesNotMatch(await page.evaluate(() => window.location.href), /rx=/, "gone from the clinic page's address");
  assert.doesNotMatch(await frame.evaluate(() => window.location.href), /rx=/, "and from the frame's");
  await saveScreenshot(page, 'embed-programme');

  // The handout: the clinic's sandbox has no allow-modals, so print() would be ignored without a
  // word; the app saves the page as a file to print from there instead.
  await tapInFrame(page, frame, 'programme.print');
  const log = await frame.evaluate(() => window.calfcoach.printLog());
  assert.equal(log.at(-1)?.how, 'cannot_print', JSON.stringify(log));
  assert.ok((await frameState(frame)).texts.some((t) => /saved as a file/.test(t.text)));
  const downloads = await frame.evaluate(() => (window.__ccHarness ? window.__ccHarness.downloads : null));
  if (downloads) {  // where the driver instruments the frame too
    await frame.waitForFunction(() => window.__ccHarness.downloads.length && window.__ccHarness.downloads[0].text !== null,
      null, { timeout: 5000 });
    const [file] = await frame.evaluate(() => window.__ccHarness.downloads);
    assert.match(file.name, /^calf-coach-handout-\d{4}-\d{2}-\d{2}\.html$/);
    assert.match(file.text, /^<!DOCTYPE html>/);
    assert.ok(file.text.includes(`#rx=${code}`), 'the handout holds the programme link');
  }
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('storage blocked in the frame: the app works from memory and says so', async () => {
  // As the browser has it: a cross-site frame may get blocked or partitioned storage; either way
  // the notice matches what the app could do.
  const { page, frame } = await openHost(await hostPage('index.html'), PHONE);
  await settleFrame(frame);
  const natural = await frameState(frame);
  const notice = /History won't be kept on this device: storage is blocked here/;
  if (natural.storage === 'memory') assert.match(texts(natural), notice);
  else assert.doesNotMatch(texts(natural), notice);
  test.diagnostic?.(`cross-site frame storage in this Chromium: ${natural.storage}`);
  await page.close();

  // Blocked for certain (as Safari and strict privacy settings do): the probe sees a SecurityError.
  const blocked = await newPage(browser, PHONE);
  await blocked.addInitScript((origin) => {
    if (location.origin !== origin) return;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  }, appOrigin);
  await blocked.goto(await hostPage('index.html'));
  const app = await appFrame(blocked);
  await settleFrame(app);
  const s = await frameState(app);
  assert.equal(s.storage, 'memory');
  assert.match(texts(s), notice);
  // The notice is on screen: inside the iframe, which is tall enough for all of Home.
  const box = await blocked.evaluate(() => document.querySelector('#calfcoach iframe').getBoundingClientRect().height);
  const last = s.items[s.items.length - 1];
  assert.ok(last.y + last.h <= box, 'Home fits in the iframe');
  assert.ok((await warningsOf(blocked)).some((w) => /storage is not available/.test(w)), (await warningsOf(blocked)).join('\n'));
  assert.deepEqual(await blocked.problems(), []);
  await saveScreenshot(blocked, 'embed-storage-blocked');
  await blocked.close();
});

test('invalid parameters are ignored with a console warning', async () => {
  const url = await hostPage('invalid.html',
    'data-clinic="&lt;b&gt;Evil&lt;/b&gt;" data-accent="red" data-phone="call 112-999" data-content="javascript:alert(1)"');
  const { page, frame } = await openHost(url, DESKTOP);
  await settleFrame(frame);
  const s = await frameState(frame);
  assert.equal(s.screen, 'home');
  assert.equal(s.accent, null);
  assert.doesNotMatch(texts(s), /Offered by/);
  assert.equal(s.content_pending, false);
  for (const name of ['clinic', 'accent', 'phone', 'content'])
    assert.ok((await warningsOf(page)).some((w) => w.startsWith(`calfcoach: ignoring ${name}:`)), `${name}: ${(await warningsOf(page)).join('\n')}`);
  assert.deepEqual(await page.problems(), []);
  await page.close();

  // The app opened directly with bad values: each ignored, each said.
  const direct = await newPage(browser, DESKTOP);
  await direct.goto(`${appOrigin}/?embed=1&host=*&accent=%23zzz&clinic=${'x'.repeat(61)}`);
  await direct.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0);
  for (const name of ['host', 'accent', 'clinic'])
    assert.ok((await warningsOf(direct)).some((w) => w.startsWith(`calfcoach: ignoring ${name}:`)), `${name}: ${(await warningsOf(direct)).join('\n')}`);
  assert.deepEqual(await direct.problems(), []);
  await direct.close();
});

test("a clinic name's accented letters are used; letters the app's font lacks are named in the console", async () => {
  const url = await hostPage('accents.html', 'data-clinic="Physiothérapie Genève Łódź"');
  const { page, frame } = await openHost(url, PHONE);
  await settleFrame(frame);
  const s = await frameState(frame);
  assert.match(texts(s), /Offered by Physiothérapie Genève Łódź/);
  // é, è and ó are in the font (Latin-1); Ł and ź are not, and the clinic is told which.
  const line = (await warningsOf(page)).find((w) => w.startsWith('calfcoach: clinic name:'));
  assert.ok(line, (await warningsOf(page)).join('\n'));
  assert.match(line, /letters the app's font does not have show as '\?': Ł ź$/);
  await saveScreenshot(page, 'embed-accents');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

// In Chromium and Firefox only, for the reason given above the events test.
if (ENGINE !== 'webkit') test("a clinic's content file is used; an invalid one shows its errors and runs the built-in content", async () => {
  {
    const url = await hostPage('content.html', `data-clinic="Riverside Physio" data-content="${hostOrigin}/clinic-content.json"`);
    const { page, frame } = await openHost(url, DESKTOP);
    await frame.waitForFunction(() => !window.calfcoach.state().content_pending, null, { timeout: 10000 });
    await settleFrame(frame);
    const s = await frameState(frame);
    assert.equal(s.content_ok, true);
    assert.equal(s.clinic_content_errors, 0);
    assert.doesNotMatch(texts(s), /Notice for the clinic/);
    await tapInFrame(page, frame, 'home.learn');
    assert.match(texts(await frameState(frame)), /Advice from Riverside Physiotherapy/);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  }
  {
    const url = await hostPage('bad-content.html', `data-content="${hostOrigin}/bad-content.json"`);
    const { page, frame } = await openHost(url, DESKTOP);
    await frame.waitForFunction(() => !window.calfcoach.state().content_pending, null, { timeout: 10000 });
    await settleFrame(frame);
    const s = await frameState(frame);
    assert.equal(s.content_ok, true);  // the built-in content runs
    assert.ok(s.clinic_content_errors > 0);
    assert.match(texts(s), /Notice for the clinic/);
    assert.match(texts(s), /triage\.json/);
    assert.ok(s.items.some((i) => i.id === 'home.start'));
    assert.ok((await warningsOf(page)).some((w) => /calfcoach: clinic content: triage\.json/.test(w)), (await warningsOf(page)).join('\n'));
    await saveScreenshot(page, 'embed-bad-content');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  }
  {
    // Not found: the built-in content, with a notice naming the address.
    const url = await hostPage('missing-content.html', `data-content="${hostOrigin}/missing.json"`);
    const { page, frame } = await openHost(url, DESKTOP);
    await frame.waitForFunction(() => !window.calfcoach.state().content_pending, null, { timeout: 10000 });
    await settleFrame(frame);
    const s = await frameState(frame);
    assert.match(texts(s), /could not be loaded/);
    assert.match(texts(s), /HTTP 404/);
    // The browser logs the failed request itself; nothing else may go wrong.
    assert.deepEqual((await page.problems()).filter((p) => !/404/.test(p)), []);
    await page.close();
  }
});

test('content inside the snippet: the app waits for it, uses it, then says ready', async () => {
  const url = await inlineHostPage('inline.html', learnBundle('Advice carried in the snippet'));
  const { page, frame } = await openHost(url, PHONE);
  await frame.waitForFunction(() => !window.calfcoach.state().content_pending, null, { timeout: 10000 });
  await settleFrame(frame);
  const s = await frameState(frame);
  assert.equal(s.clinic_content, true);
  assert.equal(s.clinic_content_errors, 0);
  assert.doesNotMatch(texts(s), /Notice for the clinic/);
  const src = new URL(await page.evaluate(() => document.querySelector('#calfcoach iframe').src));
  assert.equal(src.searchParams.get('content'), 'inline');
  // Applied first, then ready: ready means the final content is on screen.
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'calfcoach:ready'));
  const order = (await events(page)).map((e) => e.type).filter((t) => t === 'calfcoach:ready' || t === 'calfcoach:content-applied');
  assert.deepEqual(order, ['calfcoach:content-applied', 'calfcoach:ready']);
  assert.deepEqual((await applied(page))[0].detail, { ok: true });
  assert.equal((await applied(page))[0].target, 'calfcoach');
  await pressInFrame(frame, 'home.learn');
  assert.match(texts(await frameState(frame)), /Advice carried in the snippet/);
  // The JSON element is data, never run: no CSP report for it under the page's strict script-src.
  assert.deepEqual(await page.problems(), []);
  await saveScreenshot(page, 'embed-inline-content');
  await page.close();
});

test('an inline bundle that lowers a red flag is refused: the notice, the built-in check, the errors reach the page', async () => {
  const { page, frame } = await openHost(await inlineHostPage('inline-lowered.html', loweredBundle), PHONE);
  const result = await appliedCount(page, 1);
  assert.equal(result.detail.ok, false);
  assert.ok(Array.isArray(result.detail.errors) && result.detail.errors.length >= 1 && result.detail.errors.length <= 20,
            JSON.stringify(result.detail));
  assert.ok(result.detail.errors.every((e) => typeof e === 'string'));
  // The safety floor, in the loader's words.
  assert.ok(result.detail.errors.includes("triage.json /rules: 'chest_symptoms' answered yes alone gives 'see_professional'; it must give at least 'emergency'"),
            result.detail.errors.join('\n'));
  await frame.waitForFunction(() => !window.calfcoach.state().content_pending, null, { timeout: 10000 });
  await settleFrame(frame);
  const s = await frameState(frame);
  assert.equal(s.clinic_content, false);
  assert.equal(s.content_ok, true);  // the built-in content runs
  assert.equal(s.clinic_content_errors, result.detail.errors.length);
  assert.match(texts(s), /Notice for the clinic/);
  assert.ok((await warningsOf(page)).some((w) => /^calfcoach: clinic content: triage\.json/.test(w)), (await warningsOf(page)).join('\n'));
  // The check is the built-in one: chest symptoms are still an emergency.
  await pressInFrame(frame, 'home.start');
  await answerSafety(page, { chest_symptoms: 'yes' }, (id) => pressInFrame(frame, id), () => frameState(frame));
  assert.equal((await frameState(frame)).level, 'emergency');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('new content pushed later (a live preview) replaces it in place; a reloaded frame gets the latest', async () => {
  const { page, frame } = await openHost(await inlineHostPage('inline-live.html', learnBundle('First version')), DESKTOP);
  await appliedCount(page, 1);
  await settleFrame(frame);
  await pressInFrame(frame, 'home.learn');
  assert.match(texts(await frameState(frame)), /First version/);

  await page.evaluate((text) => window.calfcoachEmbed.setContent(document.getElementById('calfcoach'), text), learnBundle('Second version'));
  assert.deepEqual((await appliedCount(page, 2)).detail, { ok: true });
  await frame.waitForFunction(() => window.calfcoach.state().texts.some((t) => /Second version/.test(t.text)), null, { timeout: 5000 });
  assert.equal((await frameState(frame)).screen, 'learn');

  // Broken JSON through the event: refused in the loader's words, the built-in Learn in place.
  await page.evaluate(() => document.getElementById('calfcoach')
    .dispatchEvent(new CustomEvent('calfcoach:set-content', { detail: { content: '{"learn.json": ' } })));
  const broken = await appliedCount(page, 3);
  assert.deepEqual(broken.detail, { ok: false, errors: ['clinic content (whole file): not valid JSON (syntax error or invalid UTF-8)'] });
  await settleFrame(frame);
  let s = await frameState(frame);
  assert.equal(s.screen, 'learn');
  assert.equal(s.clinic_content, false);
  assert.doesNotMatch(texts(s), /Second version/);
  assert.match(texts(s), new RegExp(inlineLearn.sections[0].title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  // The frame reloads (the app starts again and asks): embed.js sends the latest content it has.
  await page.evaluate((text) => window.calfcoachEmbed.setContent(document.getElementById('calfcoach'), text), learnBundle('Third version'));
  await appliedCount(page, 4);
  await frame.evaluate(() => window.location.reload());
  const reloaded = await appliedCount(page, 5);
  assert.deepEqual(reloaded.detail, { ok: true });
  const again = await appFrame(page);
  await again.waitForFunction(() => window.calfcoach.state().clinic_content === true, null, { timeout: 10000 });
  await settleFrame(again);
  await pressInFrame(again, 'home.learn');
  assert.match(texts(await frameState(again)), /Third version/);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("content messages from another origin, or from the host's origin but not the parent, are ignored", async () => {
  const { page, frame } = await openHost(await inlineHostPage('inline-strangers.html', learnBundle('From the snippet')), DESKTOP);
  await appliedCount(page, 1);
  await settleFrame(frame);
  for (const origin of [thirdOrigin, hostOrigin]) {
    await page.evaluate((src) => {
      const sender = document.createElement('iframe');
      sender.src = src;
      sender.title = 'sender';
      document.body.appendChild(sender);
    }, `${origin}/content-sender.html`);
    const warning = new RegExp(`ignored a message from ${origin.replace(/[.:/]/g, '\\$&')}$`);
    for (let i = 0; i < 100 && !(await warningsOf(page)).some((w) => warning.test(w)); i++) await page.waitForTimeout(50);
    assert.ok((await warningsOf(page)).some((w) => warning.test(w)), (await warningsOf(page)).join('\n'));
  }
  await page.waitForTimeout(300);
  const s = await frameState(frame);
  assert.equal(s.clinic_content, true, 'the content from the snippet is still used');
  assert.equal((await applied(page)).length, 1, 'no content-applied for a stranger');
  // Positive control: the same message from the host page itself is taken (and refused: no learn).
  await page.evaluate((origin) => document.querySelector('#calfcoach iframe').contentWindow.postMessage(
    { source: 'calfcoach-host', type: 'calfcoach:content', detail: { content: '{"learn.json": 1}' } }, origin), appOrigin);
  const taken = await appliedCount(page, 2);
  assert.equal(taken.detail.ok, false);
  assert.equal((await frameState(frame)).clinic_content, false);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('the size cap: a bundle at the limit is read, one byte more is refused unread', async () => {
  const limit = 4 * 512 * 1024 + 1024;  // kClinicContentMaxBytes
  const { page, frame } = await openHost(await inlineHostPage('inline-size.html', learnBundle('Small')), DESKTOP);
  await appliedCount(page, 1);
  const base = learnBundle('Exactly at the limit');
  const bytes = Buffer.byteLength(base);
  const atLimit = base + ' '.repeat(limit - bytes);
  assert.equal(Buffer.byteLength(atLimit), limit);
  await page.evaluate((text) => window.calfcoachEmbed.setContent(document.getElementById('calfcoach'), text), atLimit);
  assert.deepEqual((await appliedCount(page, 2)).detail, { ok: true });
  // One byte over, counted in UTF-8 bytes (the 'é' is two), not in characters.
  const over = base + ' '.repeat(limit - bytes - 1) + 'é';
  assert.equal(over.length, limit);
  await page.evaluate((text) => window.calfcoachEmbed.setContent(document.getElementById('calfcoach'), text), over);
  const refused = await appliedCount(page, 3);
  assert.deepEqual(refused.detail, { ok: false, errors: [`clinic content (whole file): too large: ${limit + 1} bytes, the limit is ${limit}`] });
  await settleFrame(frame);
  const s = await frameState(frame);
  assert.equal(s.clinic_content, false);
  assert.match(texts(s), /too large/);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('content=inline with nothing sent: after the wait the built-in content runs, with a notice', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.goto(`${hostOrigin}/no-content.html`);
  const frame = await appFrame(page);
  assert.equal((await frameState(frame)).content_pending, true);
  // 10 s of the app's clock, 20 times faster here.
  await frame.waitForFunction(() => !window.calfcoach.state().content_pending, null, { timeout: 10000 });
  await settleFrame(frame);
  const s = await frameState(frame);
  assert.equal(s.clinic_content, false);
  assert.match(texts(s), /The clinic's content did not arrive/);
  assert.ok(s.items.some((i) => i.id === 'home.start'));
  assert.deepEqual(await page.problems(), []);
  await page.close();
});
