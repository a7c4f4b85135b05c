// The hands' stroke on the calf picture moves on the browser's compositor (the motion layer,
// src/platform/motion_layer_web.cpp), not by redrawing the canvas, and the countdown's arc and time
// tick over the canvas (the countdown's face): while a step plays the picture moves, the time counts
// down, and the canvas draws nothing new. Paused, with reduced motion, or in a browser without
// Element.animate, the picture is the canvas's own, as before; without FontFace, the countdown too.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newPage, openApp, PHONE, startQuickSession, state, tap, useServerAndBrowser } from './harness.mjs';
import { decodePng } from './png.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

const url = (query = '') => new URL(query, server.url).href;

async function intoFirstStep(page) {
  await startQuickSession(page);
  await tap(page, 'player.next');  // past "get ready"
  await page.waitForFunction(() => window.calfcoach.state().session?.phase === 'step', null, { timeout: 30000 });
  await page.waitForTimeout(300);
}

// Settings' own switch, as a person turns it on.
async function turnOnReducedMotion(page) {
  await tap(page, 'home.settings');
  await tap(page, 'settings.motion');
  await tap(page, 'nav.back');
  assert.equal((await state(page)).reduced_motion, true);
}

// What the page holds of the motion layer: its running animations, its sprites, the layer's origin
// (the calf picture's top-left corner, CSS px) and how it sits over the canvas.
const motionOnPage = (page) => page.evaluate(() => {
  const box = document.getElementById('cc-motion');
  if (!box) return null;
  const origin = box.querySelector('.cc-motion-layer').getBoundingClientRect();
  const style = getComputedStyle(box);
  return {
    sprites: box.querySelectorAll('.cc-motion-sprite').length,
    running: document.getAnimations().filter((a) => box.contains(a.effect.target) && a.playState === 'running').length,
    origin: { x: origin.left, y: origin.top },
    ariaHidden: box.getAttribute('aria-hidden'),
    // The pictures' paints: the palette's guide and surface colours (never the black of a colour lost).
    colours: [...new Set([...box.querySelectorAll('[fill], [stroke], stop')].flatMap((e) =>
      [e.getAttribute('fill'), e.getAttribute('stroke'), e.getAttribute('stop-color')]).filter((c) => c && c.startsWith('#')))],
    pointerEvents: style.pointerEvents,
  };
});

// Pixels that differ between two screenshots inside a rect given in CSS px.
function changedPixels(a, b, rect, viewportWidth) {
  const one = decodePng(a), two = decodePng(b);
  const scale = one.width / viewportWidth;
  let changed = 0;
  for (let y = Math.max(0, Math.floor(rect.y * scale)); y < Math.min(one.height, Math.ceil((rect.y + rect.h) * scale)); y++) {
    for (let x = Math.max(0, Math.floor(rect.x * scale)); x < Math.min(one.width, Math.ceil((rect.x + rect.w) * scale)); x++) {
      const i = (y * one.width + x) * 4;
      const d = Math.abs(one.pixels[i] - two.pixels[i]) + Math.abs(one.pixels[i + 1] - two.pixels[i + 1]) + Math.abs(one.pixels[i + 2] - two.pixels[i + 2]);
      if (d > 30) changed++;
    }
  }
  return changed;
}

test('playing: the stroke moves over the picture, and the canvas draws nothing new', async () => {
  const page = await newPage(browser, PHONE);
  await openApp(page, url());
  await intoFirstStep(page);

  const s = await state(page);
  assert.equal(s.session.playing, true);
  assert.equal(s.animating, false, 'no frame loop while a step plays');
  assert.ok(s.motion_sprites > 0, 'the step hands its stroke to the motion layer');
  const motion = await motionOnPage(page);
  assert.ok(motion, 'the motion layer is on the page');
  assert.equal(motion.sprites, s.motion_sprites);
  assert.equal(motion.running, s.motion_sprites, 'every shape has a running animation');
  assert.equal(motion.ariaHidden, 'true');
  assert.equal(motion.pointerEvents, 'none');
  assert.ok(motion.colours.length >= 1 && motion.colours.length <= 2 && !motion.colours.includes('#000000'), `colours ${motion.colours}`);

  // The picture moves between two screenshots, inside the calf picture (the canvas there draws the
  // same leg every time), while the canvas draws at most a frame or two.
  const viewport = await page.viewportSize();
  const picture = { x: motion.origin.x, y: motion.origin.y, w: 190, h: 300 };
  const before = await state(page);
  const first = await page.screenshot();
  await page.waitForTimeout(700);
  const second = await page.screenshot();
  const between = (await state(page)).frame - before.frame;
  assert.ok(between <= 2, `${between} canvas frames in 0.7 s`);
  assert.ok(changedPixels(first, second, picture, viewport.width) > 20, 'the stroke moved');

  // Three seconds: a frame for each second of the countdown, not 90, and none of them draws on the
  // canvas (the countdown's face shows the second).
  const start = await state(page);
  await page.waitForTimeout(3000);
  const end = await state(page);
  const drawn = end.frame - start.frame;
  assert.ok(drawn <= 5, `${drawn} frames in 3 s of playing`);
  assert.ok(end.canvas_frames - start.canvas_frames <= 1, `${end.canvas_frames - start.canvas_frames} canvas frames in 3 s`);
  assert.deepEqual(await page.problems(), []);

  // Paused: still, on the canvas; nothing left moving on the page.
  await tap(page, 'player.pause');
  assert.equal(await motionOnPage(page), null);
  assert.equal((await state(page)).motion_sprites, 0);
  await tap(page, 'player.resume');
  assert.equal((await motionOnPage(page))?.running, (await state(page)).motion_sprites);
  await page.close();
});

test('reduced motion (the setting): the picture is still, and nothing moves on the page', async () => {
  const page = await newPage(browser, PHONE);
  await openApp(page, url());
  await turnOnReducedMotion(page);
  await intoFirstStep(page);
  const s = await state(page);
  assert.equal(s.animating, false);
  assert.equal(s.motion_sprites, 0);
  assert.equal(await motionOnPage(page), null);
  await page.close();
});

test('a browser without Element.animate: the canvas animates the stroke itself', async () => {
  const page = await newPage(browser, PHONE);
  await page.addInitScript(() => { Element.prototype.animate = undefined; });
  await openApp(page, url());
  await intoFirstStep(page);
  const s = await state(page);
  assert.equal(s.animating, true);
  assert.equal(s.motion_sprites, 0);
  assert.equal(await motionOnPage(page), null);
  const start = await state(page);
  await page.waitForTimeout(1000);
  assert.ok((await state(page)).frame - start.frame >= 10, 'the canvas draws the moving stroke');
  await page.close();
});

// The time the ring shows for this many ms left: m:ss, rounded up (the player's clock_text).
const clockText = (ms) => {
  const seconds = Math.ceil(Math.max(ms, 0) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

const faceOnPage = (page) => page.evaluate(() => {
  const box = document.getElementById('cc-countdown');
  if (!box) return null;
  const svg = box.querySelector('svg');
  const r = svg.getBoundingClientRect();
  const arc = box.querySelector('circle');
  return {
    text: box.querySelector('text').textContent,
    rect: { x: r.left, y: r.top, w: r.width, h: r.height },
    dash: Number(arc.getAttribute('stroke-dasharray').split(' ')[0]),
    turn: 2 * Math.PI * Number(arc.getAttribute('r')),
    ariaHidden: box.getAttribute('aria-hidden'),
    pointerEvents: getComputedStyle(box).pointerEvents,
    fontLoaded: document.fonts.check('20px CalfCoachUI'),
  };
});

// A screenshot taken while the page shows `want` in the ring (the face's text, or the canvas's time
// from the state): the two pages run their own sessions.
async function screenshotShowing(page, want, fromFace) {
  for (let i = 0; i < 600; i++) {
    const shown = fromFace ? (await faceOnPage(page))?.text : clockText((await state(page)).session.remaining_ms);
    if (shown === want) {
      await page.waitForTimeout(80);
      return page.screenshot();
    }
    await page.waitForTimeout(20);
  }
  throw new Error(`the ring never showed ${want}`);
}

// Where the time's dark ink is inside the ring (device px of the screenshot), and how much of it.
function inkInRing(png, rect, viewportWidth) {
  const image = decodePng(png);
  const scale = image.width / viewportWidth;
  const cx = (rect.x + rect.w / 2) * scale, cy = (rect.y + rect.h / 2) * scale, r = rect.w * 0.3 * scale;
  const ink = { count: 0, minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity, scale };
  for (let y = Math.floor(cy - r); y < Math.ceil(cy + r); y++) {
    for (let x = Math.floor(cx - r); x < Math.ceil(cx + r); x++) {
      const i = (y * image.width + x) * 4;
      if (0.3 * image.pixels[i] + 0.59 * image.pixels[i + 1] + 0.11 * image.pixels[i + 2] >= 128) continue;
      ink.count++;
      ink.minX = Math.min(ink.minX, x); ink.maxX = Math.max(ink.maxX, x);
      ink.minY = Math.min(ink.minY, y); ink.maxY = Math.max(ink.maxY, y);
    }
  }
  return ink;
}

async function intoFirstStepWithFace(page) {
  await intoFirstStep(page);
  await page.waitForFunction(() => window.calfcoach.state().countdown_face === true, null, { timeout: 10000 });
}

test('the countdown ticks over the canvas: the time and arc follow the session, and its seconds draw nothing on the canvas', async () => {
  const page = await newPage(browser, PHONE);
  await openApp(page, url());
  // With reduced motion the countdown is all that changes in a step.
  await turnOnReducedMotion(page);
  await intoFirstStepWithFace(page);
  const face = await faceOnPage(page);
  assert.ok(face, 'the countdown is on the page');
  assert.equal(face.ariaHidden, 'true');
  assert.equal(face.pointerEvents, 'none');
  assert.ok(face.fontLoaded, "the app's font is loaded into the page");

  const start = await state(page);
  const before = await faceOnPage(page);
  await page.waitForTimeout(3000);
  const end = await state(page);
  const after = await faceOnPage(page);
  // The app still wakes each second (cues, the state), but the canvas draws nothing new.
  assert.ok(end.frame - start.frame >= 2, `${end.frame - start.frame} frames in 3 s`);
  assert.ok(end.canvas_frames - start.canvas_frames <= 1, `${end.canvas_frames - start.canvas_frames} canvas frames in 3 s`);
  assert.equal(end.session.phase_index, start.session.phase_index, 'the same step');
  // The time went down by about 3 s, and says what the session has left (the state is a frame old).
  const seconds = (text) => text.split(':').reduce((m, s) => m * 60 + Number(s), 0);
  const went = seconds(before.text) - seconds(after.text);
  assert.ok(went >= 2 && went <= 4, `${before.text} -> ${after.text}`);
  const left = seconds(after.text);
  const expected = Math.ceil(end.session.remaining_ms / 1000);
  assert.ok(Math.abs(left - expected) <= 1, `shows ${after.text}, the session has ${end.session.remaining_ms} ms left`);
  // The arc is the part of the step left, and it shrank.
  assert.ok(after.dash < before.dash, `arc ${before.dash} -> ${after.dash}`);
  assert.ok(after.dash > 0 && after.dash < after.turn);

  // Paused: the canvas shows the time (and "Paused"); nothing ticks on the page.
  await tap(page, 'player.pause');
  assert.equal(await faceOnPage(page), null);
  assert.equal((await state(page)).countdown_face, false);
  await tap(page, 'player.resume');
  await page.waitForFunction(() => window.calfcoach.state().countdown_face === true, null, { timeout: 5000 });
  assert.ok(await faceOnPage(page));
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("the countdown's face looks like the canvas's own, which draws it in a browser without FontFace", async () => {
  const face = await newPage(browser, PHONE);
  await openApp(face, url());
  await intoFirstStepWithFace(face);
  const { rect } = await faceOnPage(face);
  const want = clockText((await state(face)).session.remaining_ms - 3000);
  const withFace = await screenshotShowing(face, want, true);
  await face.close();

  const canvas = await newPage(browser, PHONE);
  await canvas.addInitScript(() => { window.FontFace = undefined; });
  await openApp(canvas, url());
  await intoFirstStep(canvas);
  assert.equal((await state(canvas)).countdown_face, false);
  assert.equal(await faceOnPage(canvas), null);
  const start = await state(canvas);
  const onCanvas = await screenshotShowing(canvas, want, false);
  assert.ok((await state(canvas)).canvas_frames > start.canvas_frames, 'the canvas draws each second itself');
  assert.deepEqual(await canvas.problems(), []);

  // The same time, the same size, in the same place: within a CSS pixel and a half.
  const viewport = await canvas.viewportSize();
  const a = inkInRing(withFace, rect, viewport.width), b = inkInRing(onCanvas, rect, viewport.width);
  assert.ok(b.count > 100, `the canvas's time has ink (${b.count})`);
  assert.ok(Math.abs(a.count - b.count) / b.count < 0.2, `ink ${a.count} vs ${b.count}`);
  for (const edge of ['minX', 'maxX', 'minY', 'maxY'])
    assert.ok(Math.abs(a[edge] - b[edge]) <= 1.5 * a.scale, `${edge}: ${a[edge]} vs ${b[edge]} (device px at ${a.scale}x)`);
  // And the ring as a whole, arc included, differs only at the edges of its shapes.
  assert.ok(changedPixels(withFace, onCanvas, rect, viewport.width) < 0.05 * rect.w * rect.h * a.scale * a.scale,
    'the ring looks the same');
  await canvas.close();
});
