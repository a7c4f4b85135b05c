// Accessibility (issue 7): the HTML layer over the canvas (web/a11y.js, src/platform/a11y_web.cpp).
// Every drawn control has a real HTML control exactly over it, the screen's text is mirrored as HTML,
// a whole session runs with the keyboard only, and the live region says every step in order; in every
// engine. (a11y.chromium.test.mjs: axe, which runs through CDP, and reduced motion, emulated.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { answerSafety, assertIdle,
  DESKTOP, PHONE, newPage, openApp, saveScreenshot, settle, state, tap,
  useServerAndBrowser,
} from './harness.mjs';
import { focusById, layer, layerInSync } from './a11y-layer.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

const url = (query = '') => new URL(query, server.url).href;

async function checkAligned(page, where) {
  const { s, l } = await layerInSync(page);
  assert.ok(s.items.length > 0, `${where}: items`);
  for (let k = 0; k < s.items.length; k++) {
    const item = s.items[k];
    const c = l.controls[k];
    for (const [a, b] of [[c.x, item.x], [c.y, item.y], [c.w, item.w], [c.h, item.h]])
      assert.ok(Math.abs(a - b) <= 2, `${where}: ${item.id} at ${JSON.stringify(c)} vs ${JSON.stringify(item)}`);
    const label = item.label.replace(/^\u2039\s*/, '');
    assert.equal(c.name, label, `${where}: ${item.id} name`);
    if (item.kind === 'slider') {
      assert.equal(c.type, 'range');
      assert.equal(Number(c.value), item.value);
      assert.equal(Number(c.min), item.min);
      assert.equal(Number(c.max), item.max);
    } else if (item.kind === 'toggle') {
      assert.equal(c.role, 'checkbox');
      assert.equal(c.checked, String(item.checked));
    } else if (item.checked !== undefined) {
      assert.equal(c.pressed, String(item.checked));
    }
  }
  // The texts are there, in the order drawn.
  assert.deepEqual(l.texts.map((t) => t.text), s.texts.map((t) => t.text), `${where}: texts`);
  return s;
}

async function answerAll(page) {
  await answerSafety(page);
}

for (const device of [PHONE, DESKTOP]) {
  for (const textSize of [100, 150]) {
    test(`each HTML control sits on its drawn widget: ${device.name}, text ${textSize}%`, async () => {
      const page = await newPage(browser, device);
      if (textSize !== 100) {
        await page.addInitScript((size) => {
          try { localStorage.setItem('settings', JSON.stringify({ v: 1, text_size: size })); } catch (e) { /* none */ }
        }, textSize);
      }
      await openApp(page, url());
      await checkAligned(page, 'home');
      await tap(page, 'home.settings');
      await checkAligned(page, 'settings');
      await tap(page, 'nav.back');
      await tap(page, 'home.start');
      await checkAligned(page, 'safety');
      await answerAll(page);
      await checkAligned(page, 'safety_result');
      await tap(page, 'safety.continue');
      await checkAligned(page, 'prepare');
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });
  }
}

async function keyActivate(page, id, key = 'Enter') {
  await focusById(page, id);
  await page.keyboard.press(key);
  await settle(page);
  await layerInSync(page);
}

test('keyboard only: home, the safety check, a whole session and done; every step announced in order', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, url('?timescale=60'));
  await layerInSync(page);
  await keyActivate(page, 'home.start');
  assert.equal((await state(page)).screen, 'safety');
  // A new screen puts focus on its heading.
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  let presses = 0;
  await answerSafety(page, {}, (id) => keyActivate(page, id, presses++ % 2 ? 'Enter' : 'Space'));
  assert.equal((await state(page)).screen, 'safety_result');
  await keyActivate(page, 'safety.continue');
  assert.equal((await state(page)).screen, 'prepare');
  await keyActivate(page, 'prepare.preset.0', 'Space');
  assert.equal((await state(page)).items.find((i) => i.id === 'prepare.preset.0').checked, true);
  // Shift+Tab goes back through the controls too.
  await focusById(page, 'prepare.start');
  await page.keyboard.press('Shift+Tab');
  const before = await page.evaluate(() => document.activeElement.dataset.id);
  assert.notEqual(before, 'prepare.start');
  // The canvas draws its focus ring on the focused control's widget.
  await settle(page);
  assert.equal((await state(page)).focus, before);
  await keyActivate(page, 'prepare.start');
  assert.equal((await state(page)).screen, 'player');

  // Space with focus on no control pauses and resumes.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Space');
  await page.waitForTimeout(200);
  assert.equal((await state(page)).session.paused, true);
  await page.keyboard.press('Space');
  await page.waitForTimeout(200);
  assert.equal((await state(page)).session.paused, false);

  const plan = [];
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    const s = await state(page);
    if (s.screen !== 'player') break;
    // (The routine's first step, Get ready, is on no leg: it is said as "Get ready, 30 seconds".)
    if (s.session.phase === 'step' && s.session.side) {
      const key = `${s.session.side}:${s.session.step}`;
      if (plan[plan.length - 1] !== key) plan.push(key);
    }
    await page.waitForTimeout(50);
  }
  await page.waitForFunction(() => window.calfcoach.state().screen === 'done', null, { timeout: 30000 });
  await settle(page);
  const log = await page.evaluate(() => window.calfcoachA11y.log());
  const texts = log.map((a) => a.text);
  // Sequence numbers only grow, and every step was said, in order.
  for (let i = 1; i < log.length; i++) assert.ok(log[i].seq > log[i - 1].seq);
  // (Two things due in one frame are said together: "1. Right leg, step 1 of 4: ...".)
  const steps = texts.flatMap((t) => [...t.matchAll(/(Left|Right) leg, step \d+ of \d+: [^,]+/g)].map((m) => m[0]));
  assert.ok(steps.length >= plan.length && plan.length >= 4, `steps said: ${steps.join(' | ')}; seen: ${plan}`);
  const perLeg = {};
  const seenSteps = new Set(plan.map((key) => key.split(':')[0]));
  assert.ok(seenSteps.has('left') && seenSteps.has('right'), `steps seen: ${plan}`);
  for (const text of steps) {
    const [, leg, n, total] = text.match(/(Left|Right) leg, step (\d+) of (\d+)/);
    perLeg[leg] ??= [];
    perLeg[leg].push(Number(n));
    assert.ok(Number(n) <= Number(total));
  }
  // In order (at 60x a late frame can skip a whole step: tests/ui/test_a11y.cpp checks every one is said).
  for (const leg of Object.keys(perLeg))
    assert.ok(perLeg[leg].every((n, i) => i === 0 || n > perLeg[leg][i - 1]), `${leg}: ${perLeg[leg]}: ${texts.slice(-8).join(' | ')}`);
  assert.equal(Object.keys(perLeg).length, 2);
  assert.ok(texts.some((t) => t.startsWith('Switch legs')), 'switch legs said');
  assert.ok(texts.some((t) => t.includes('Get ready, ')), `get ready said: ${texts.join(' | ')}`);
  // (The 3-2-1 at the end of switch legs lasts 50 ms at this speed: tests/ui/test_a11y.cpp checks it.)
  const pages = texts.filter((t) => /^Safety check, part \d+ of \d+: /.test(t)).map((t) => t.replace(/^Safety check, part \d+ of \d+: /, ''));
  assert.ok(pages.length >= 2 && new Set(pages).size === pages.length, `each page said with its own question: ${pages}`);
  assert.ok(texts.some((t) => t.startsWith('Done.')), 'done said');
  assert.equal(await page.evaluate(() => document.getElementById('cc-live-polite').textContent), texts[texts.length - 1]);
  // Escape goes back from a screen that has Back.
  await keyActivate(page, 'nav.home');
  await keyActivate(page, 'home.settings');
  assert.equal((await state(page)).screen, 'settings');
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal((await state(page)).screen, 'home');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('an emergency safety result is said at once (assertive)', async () => {
  const page = await newPage(browser, PHONE);
  await openApp(page, url());
  await tap(page, 'home.start');
  // The chest sign on the first page ends the check at once, at emergency.
  await answerSafety(page, { chest_symptoms: 'yes' });
  const s = await state(page);
  await layerInSync(page);
  const log = await page.evaluate(() => window.calfcoachA11y.log());
  const last = log[log.length - 1];
  assert.equal(s.screen, 'safety_result');
  assert.ok(last.text.startsWith('Safety check result'), last.text);
  assert.equal(last.assertive, s.level === 'emergency' || s.level === 'urgent');
  if (last.assertive) assert.equal(await page.evaluate(() => document.getElementById('cc-live-assertive').textContent), last.text);
  await page.close();
});

test('the layer costs nothing while idle: no frames, and no changes to the page', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, url());
  await layerInSync(page);
  await page.evaluate(() => {
    window.__mutations = 0;
    new MutationObserver((list) => { window.__mutations += list.length; })
      .observe(document.getElementById('cc-a11y'), { subtree: true, childList: true, attributes: true });
  });
  await assertIdle(page, 1000);
  assert.equal(await page.evaluate(() => window.__mutations), 0);
  await page.close();
});

// Low vision: browser zoom 200% on a 1280x800 window is a 640x400 CSS viewport at dpr 2; text 150%
// on a phone. Every control stays inside the page's width, and no two overlap.
const ZOOM_200 = { name: 'zoom200', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };
for (const [device, textSize] of [[ZOOM_200, 100], [ZOOM_200, 150], [PHONE, 150]]) {
  test(`low vision: usable at ${device.name}, text ${textSize}% (safety question, player, settings)`, async () => {
    const page = await newPage(browser, device);
    await page.addInitScript((size) => {
      try { localStorage.setItem('settings', JSON.stringify({ v: 1, text_size: size })); } catch (e) { /* none */ }
    }, textSize);
    await openApp(page, url());
    assert.equal((await state(page)).text_size, textSize);
    const width = page.viewportSize().width;
    const check = async (where) => {
      const s = await state(page);
      for (const item of s.items) {
        assert.ok(item.x >= -1 && item.x + item.w <= width + 1, `${where}: ${item.id} cut off: ${JSON.stringify(item)}`);
        assert.ok(item.h >= 44 || item.kind === 'slider', `${where}: ${item.id} too small: ${item.h}`);
      }
      for (let a = 0; a < s.items.length; a++) {
        for (let b = a + 1; b < s.items.length; b++) {
          const [p, q] = [s.items[a], s.items[b]];
          const ox = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x);
          const oy = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
          assert.ok(ox <= 1 || oy <= 1, `${where}: ${p.id} overlaps ${q.id}`);
        }
      }
    };
    await tap(page, 'home.settings');
    await check('settings');
    await tap(page, 'nav.back');
    await tap(page, 'home.start');
    await check('safety');
    await saveScreenshot(page, `a11y-safety-text${textSize}`);
    await answerAll(page);
    await tap(page, 'safety.continue');
    await tap(page, 'prepare.start');
    await check('player');
    await saveScreenshot(page, `a11y-player-text${textSize}`);
    // Keyboard focus on a control below the fold scrolls the page to it (the canvas follows).
    await focusById(page, 'player.end');
    await settle(page);
    await layerInSync(page);
    const end = (await state(page)).items.find((i) => i.id === 'player.end');
    assert.ok(end.y >= 0 && end.y + end.h <= page.viewportSize().height + 1, `player.end in view: ${JSON.stringify(end)}`);
    assert.equal((await state(page)).focus, 'player.end');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
}
