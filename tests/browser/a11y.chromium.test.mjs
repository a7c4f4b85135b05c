// Accessibility, the parts that need Chromium's own tools: axe (run through CDP, which the page's CSP
// does not govern) on every screen, and reduced motion (emulated) stopping the player's animation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';

import { layerInSync } from './a11y-layer.mjs';
import { answerSafety, DESKTOP, PHONE, newPage, openApp, repoRoot, state, tap, useServerAndBrowser } from './harness.mjs';

let server;
let browser;
let axeSource;
useServerAndBrowser((up) => ({ server, browser } = up));
before(async () => {
  axeSource = await readFile(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
});

const url = (query = '') => new URL(query, server.url).href;

async function answerAll(page) {
  await answerSafety(page);
}

async function runAxe(page, where) {
  // CSP blocks an injected script: axe runs through CDP, which the page's CSP does not govern.
  const cdp = await page.raw.context().newCDPSession(page.raw);
  await cdp.send('Runtime.evaluate', { expression: axeSource });
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: `axe.run(document, { resultTypes: ['violations'] }).then((r) => JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }))))`,
    awaitPromise: true, returnByValue: true,
  });
  await cdp.detach();
  assert.equal(exceptionDetails, undefined, JSON.stringify(exceptionDetails));
  const violations = JSON.parse(result.value).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations)}`);
}

test('axe: no serious or critical violations on any screen', async () => {
  const page = await newPage(browser, PHONE);
  await openApp(page, url());
  const check = async (where) => { await layerInSync(page); await runAxe(page, where); };
  await check('home');
  for (const [item, where] of [['home.techniques', 'techniques'], ['home.learn', 'learn'], ['home.history', 'history'], ['home.settings', 'settings']]) {
    await tap(page, item);
    await check(where);
    await tap(page, 'nav.back');
  }
  await tap(page, 'home.start');
  await check('safety');
  await answerAll(page);
  await check('safety_result');
  await tap(page, 'safety.continue');
  await check('prepare');
  await tap(page, 'prepare.preset.0');
  await tap(page, 'prepare.start');
  await check('player');
  await tap(page, 'player.hurts');
  await page.waitForFunction(() => window.calfcoach.state().items.some((i) => i.id === 'pain.cancel'));
  await check('player pain panel');
  await tap(page, 'pain.cancel');
  await tap(page, 'player.end');
  await check('done');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('axe: the clinic kit has no serious or critical violations on any of its tabs', async () => {
  const page = await newPage(browser, DESKTOP);
  await openApp(page, url('clinic.html'));
  const check = async (where) => { await layerInSync(page); await runAxe(page, where); };
  await check('kit: your clinic');
  await tap(page, 'kit.tab.1');
  await check('kit: your routine');
  await tap(page, 'kit.tab.2');
  await check('kit: on your website');
  await tap(page, 'kit.advanced');
  await check('kit: advanced');
  await tap(page, 'kit.tab.3');
  await check('kit: safety check');
  await tap(page, 'kit.tab.4');
  await check('kit: prescribe');
  await tap(page, 'kit.rx.own_times');
  await check('kit: prescribe, each step\'s time');
  assert.deepEqual((await page.problems()).filter((p) => !/GL Driver/.test(p)), []);
  await page.close();
});

test('reduced motion: the setting follows the system and the player does not animate', async () => {
  const page = await newPage(browser, PHONE);
  await page.raw.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page, url());
  assert.equal((await state(page)).reduced_motion, true);
  await tap(page, 'home.start');
  await answerAll(page);
  await tap(page, 'safety.continue');
  await tap(page, 'prepare.start');
  // Get ready, then the first step.
  await page.waitForFunction(() => window.calfcoach.state().session?.phase === 'step', null, { timeout: 30000 });
  await page.waitForTimeout(300);
  const s = await state(page);
  assert.equal(s.session.playing, true);
  assert.equal(s.animating, false);
  assert.equal(s.motion_sprites, 0, 'nothing moves on the compositor either');
  assert.equal(await page.evaluate(() => document.getElementById('cc-motion')), null);
  await page.close();
});

