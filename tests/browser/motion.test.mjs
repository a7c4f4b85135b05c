// The hands' stroke on the calf picture moves on the browser's compositor (the motion layer,
// src/platform/motion_layer_web.cpp), not by redrawing the canvas: while a step plays the picture
// moves and the canvas draws about once a second (the countdown). Paused, with reduced motion, or in a
// browser without Element.animate, the picture is the canvas's own, as before.
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

test('playing: the stroke moves over the picture while the canvas draws about once a second', async () => {
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

  // Three seconds: a frame for each second of the countdown, not 90.
  const start = await state(page);
  await page.waitForTimeout(3000);
  const drawn = (await state(page)).frame - start.frame;
  assert.ok(drawn <= 5, `${drawn} canvas frames in 3 s of playing`);
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
  await tap(page, 'home.settings');
  await tap(page, 'settings.motion');
  await tap(page, 'nav.back');
  assert.equal((await state(page)).reduced_motion, true);
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
