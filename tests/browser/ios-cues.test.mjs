// iPhone cues (issue "iPhone cues the silent switch and the lock screen do not stop"), in every engine:
// the audio session is 'playback' only while a session plays (and never with the setting off), the
// inaudible keep-alive runs only while a playing session's page is hidden, the media controls follow
// each step and leg and act on the core session through their handlers, everything is cleared when the
// session ends, an interrupted audio context is resumed before it is replaced, speech is primed from
// the tap, Settings says plainly what the device cannot do, and a session's memory stays under 128 MB.
//
// No engine here has navigator.audioSession (only Safari 16.4+ does): an init script installs a
// stand-in that records every assignment. navigator.mediaSession is the engine's own where it has one.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PHONE, newPage, openApp, startQuickSession, state, tap, useServerAndBrowser } from './harness.mjs';

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

const url = (query = '') => new URL(query, server.url).href;

// Runs in the page before the app: a navigator.audioSession that records what it is set to, and a
// Media Session stand-in where the engine has none (it records its handlers so a test can press them).
function installStandIns() {
  const assigned = [];
  let type = 'auto';
  const audioSession = {};
  Object.defineProperty(audioSession, 'type', {
    enumerable: true,
    get() { return type; },
    set(value) { type = String(value); assigned.push(type); },
  });
  Object.defineProperty(navigator, 'audioSession', { configurable: true, get: () => audioSession });
  window.__ccAudioSessionAssigned = assigned;
  window.__ccMediaStandIn = false;
  if (!('mediaSession' in navigator)) {
    const handlers = {};
    const mediaSession = {
      metadata: null,
      playbackState: 'none',
      setActionHandler(name, handler) { if (handler) handlers[name] = handler; else delete handlers[name]; },
      setPositionState() {},
    };
    Object.defineProperty(navigator, 'mediaSession', { configurable: true, get: () => mediaSession });
    window.__ccMediaStandIn = true;
  }
  if (typeof window.MediaMetadata !== 'function') {
    window.MediaMetadata = class {
      constructor(init = {}) {
        this.title = init.title || '';
        this.artist = init.artist || '';
        this.album = init.album || '';
        this.artwork = init.artwork || [];
      }
    };
  }
}

async function openPhone(query, { standIns = true, initScript } = {}) {
  const page = await newPage(browser, PHONE);
  if (standIns) await page.addInitScript(installStandIns);
  if (initScript) await page.addInitScript(initScript);
  await openApp(page, url(query));
  return page;
}

const waitFor = (page, fn, arg, timeout = 10000) => page.waitForFunction(fn, arg, { timeout });

// What the app last set and what the stand-in was assigned.
const audioSession = (page) => page.evaluate(() => ({
  app: window.calfcoach.test.audioSession(),
  type: navigator.audioSession.type,
  assigned: window.__ccAudioSessionAssigned.slice(),
}));

// document.visibilityState / document.hidden as a locked phone reports them, and the event.
const setHidden = (page, hidden) => page.evaluate((h) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
  document.dispatchEvent(new Event('visibilitychange'));
  return true;
}, hidden);

const keepAlive = (page) => page.evaluate(() => window.calfcoach.test.keepAlive());
const media = (page) => page.evaluate(() => window.calfcoach.test.mediaSession());
const press = (page, action) => page.evaluate((name) => window.calfcoach.test.mediaAction(name), action);
const legWords = (side) => (side === 'left' ? 'Left leg' : side === 'right' ? 'Right leg' : 'Both legs');
const hasText = (current, pattern) => current.texts.some((text) => pattern.test(text.text));

test("audio session: 'playback' while a session plays, 'auto' after pause and after the end", async () => {
  const page = await openPhone('?test=1');
  assert.equal((await page.evaluate(() => window.calfcoach.test.status())).audio_session, true);
  assert.equal((await audioSession(page)).app.type, null, 'nothing set before a session');
  await startQuickSession(page);
  await waitFor(page, () => navigator.audioSession.type === 'playback');
  assert.equal((await audioSession(page)).app.type, 'playback');

  await tap(page, 'player.pause');
  assert.equal((await state(page)).session.paused, true);
  await waitFor(page, () => navigator.audioSession.type === 'auto');
  assert.equal((await audioSession(page)).app.type, 'auto');

  await tap(page, 'player.resume');
  await waitFor(page, () => navigator.audioSession.type === 'playback');

  await tap(page, 'player.end');
  assert.equal((await state(page)).screen, 'done');
  const ended = await audioSession(page);
  assert.equal(ended.type, 'auto');
  assert.equal(ended.app.type, 'auto');
  assert.deepEqual(ended.assigned, ['playback', 'auto', 'playback', 'auto'], 'set only when it changes');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("audio session: with the setting off it stays 'auto' through play, pause, resume and the end", async () => {
  const page = await openPhone('?test=1');
  await tap(page, 'home.settings');
  const toggle = (await state(page)).items.find((item) => item.id === 'settings.silent_switch');
  assert.ok(toggle, 'the setting is offered where navigator.audioSession exists');
  assert.equal(toggle.checked, true, 'on by default');
  await tap(page, 'settings.silent_switch');
  assert.equal((await state(page)).items.find((item) => item.id === 'settings.silent_switch').checked, false);
  await tap(page, 'nav.back');
  await startQuickSession(page);
  await tap(page, 'player.pause');  // in get ready (5 s), before the step's layout moves the button
  assert.equal((await state(page)).session.paused, true);
  await tap(page, 'player.resume');
  await tap(page, 'player.end');
  assert.equal((await state(page)).screen, 'done');
  const after = await audioSession(page);
  assert.equal(after.type, 'auto');
  assert.ok(!after.assigned.includes('playback'), `assigned: ${after.assigned}`);
  assert.notEqual(after.app.type, 'playback');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('Settings: the silent-switch setting and vibration say plainly where the device lacks them', async () => {
  // No audioSession (this engine as it is) and no navigator.vibrate (as on an iPhone).
  const page = await openPhone('?test=1', {
    standIns: false,
    initScript: () => { try { delete Navigator.prototype.vibrate; delete navigator.vibrate; } catch (e) { /* kept */ } },
  });
  const status = await page.evaluate(() => window.calfcoach.test.status());
  assert.equal(status.vibration, false);
  await tap(page, 'home.settings');
  const current = await state(page);
  assert.ok(!current.items.some((item) => item.id === 'settings.vibration'), 'no vibration toggle that does nothing');
  assert.ok(hasText(current, /cannot vibrate/), 'says the device cannot vibrate');
  if (!status.audio_session) {
    assert.ok(!current.items.some((item) => item.id === 'settings.silent_switch'));
    assert.ok(hasText(current, /this browser decides by itself/));
  }
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('keep-alive: runs only while a playing session is hidden; the lock screen pauses it', async () => {
  const page = await openPhone('?test=1');
  await startQuickSession(page);
  assert.equal((await keepAlive(page)).running, false, 'not while the page is seen');
  await setHidden(page, true);
  const running = await waitFor(page, () => { const k = window.calfcoach.test.keepAlive(); return k.running && k; });
  assert.ok(running.gain > 0 && running.gain <= 0.001, `inaudible but not silent: gain ${running.gain}`);
  assert.ok(running.frequency > 0 && running.frequency <= 30, `low: ${running.frequency} Hz`);
  await setHidden(page, false);
  await waitFor(page, () => !window.calfcoach.test.keepAlive().running);

  // Locked again: the lock screen's pause stops the session and the tone at once (no frame needed).
  await setHidden(page, true);
  await waitFor(page, () => window.calfcoach.test.keepAlive().running);
  assert.equal(await press(page, 'pause'), true);
  await waitFor(page, () => window.calfcoach.state().session.paused === true);
  await waitFor(page, () => !window.calfcoach.test.keepAlive().running);
  assert.equal((await page.evaluate(() => window.calfcoach.test.audio())).pending, 0, 'no tone left ahead');
  assert.equal(await press(page, 'play'), true);
  await waitFor(page, () => window.calfcoach.state().session.paused === false);
  await waitFor(page, () => window.calfcoach.test.keepAlive().running);
  await tap(page, 'player.end');
  await waitFor(page, () => !window.calfcoach.test.keepAlive().running);
  await setHidden(page, false);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('media session: metadata per step and leg, pause/play/next/previous act on the session, cleared at the end', async () => {
  const page = await openPhone('?test=1');
  await startQuickSession(page);
  const first = await waitFor(page, () => { const m = window.calfcoach.test.mediaSession(); return m.playbackState === 'playing' && m; });
  const session = (await state(page)).session;
  assert.equal(first.metadata.title, session.title);
  assert.equal(first.metadata.artist, 'Left leg', 'get ready names the leg done first');
  assert.equal(first.metadata.album, 'Calf Coach');
  assert.deepEqual(first.metadata.artwork.map((image) => new URL(image.src).pathname.replace(/^.*\/icons\//, 'icons/')),
                   ['icons/icon-192.png', 'icons/icon-512.png']);
  assert.deepEqual([...first.handlers].sort(), ['nexttrack', 'pause', 'play', 'previoustrack']);
  // The browser's own object (or the stand-in) holds the same.
  const real = await page.evaluate(() => ({
    title: navigator.mediaSession.metadata && navigator.mediaSession.metadata.title,
    artist: navigator.mediaSession.metadata && navigator.mediaSession.metadata.artist,
    state: navigator.mediaSession.playbackState,
  }));
  assert.deepEqual(real, { title: session.title, artist: 'Left leg', state: 'playing' });

  // Pause and play from the controls act on the core session.
  assert.equal(await press(page, 'pause'), true);
  await waitFor(page, () => window.calfcoach.state().session.paused === true);
  await waitFor(page, () => window.calfcoach.test.mediaSession().playbackState === 'paused');
  assert.equal(await page.evaluate(() => navigator.mediaSession.playbackState), 'paused');
  assert.equal(await press(page, 'play'), true);
  await waitFor(page, () => window.calfcoach.state().session.paused === false);
  await waitFor(page, () => window.calfcoach.test.mediaSession().playbackState === 'playing');

  // Next track through every phase: the metadata follows each step and leg.
  const sides = new Set();
  let movedBack = false;
  for (let guard = 0; guard < 40; guard++) {
    const before = (await state(page)).session;
    if (before.finished) break;
    assert.equal(await press(page, 'nexttrack'), true);
    const now = await waitFor(page, (index) => {
      const s = window.calfcoach.state().session;
      return s && (s.finished || s.phase_index > index) && s;
    }, before.phase_index);
    if (now.finished) break;
    const metadata = await waitFor(page, (title) => {
      const m = window.calfcoach.test.mediaSession().metadata;
      return m && m.title === title && m;
    }, now.title);
    if (now.phase === 'step') assert.equal(metadata.artist, legWords(now.side), `step ${now.step}`);
    if (now.phase === 'switch_legs') assert.equal(metadata.artist, 'Right leg', 'switch legs names the leg next');
    sides.add(now.side);
    assert.equal(await page.evaluate(() => navigator.mediaSession.metadata.title), now.title);
    if (!movedBack && now.phase === 'step' && now.side === 'right') {
      // Previous track goes back one phase, as the player's Back does.
      movedBack = true;
      assert.equal(await press(page, 'previoustrack'), true);
      await waitFor(page, (index) => window.calfcoach.state().session.phase_index === index - 1, now.phase_index);
      assert.equal(await press(page, 'nexttrack'), true);
      await waitFor(page, (index) => window.calfcoach.state().session.phase_index === index, now.phase_index);
    }
  }
  assert.ok(sides.has('left') && sides.has('right'), `legs seen: ${[...sides]}`);
  assert.ok(movedBack);

  // The end: everything cleared, in the app's record and in the browser's object.
  await waitFor(page, () => window.calfcoach.state().screen === 'done');
  const cleared = await waitFor(page, () => { const m = window.calfcoach.test.mediaSession(); return m.playbackState === 'none' && m; });
  assert.equal(cleared.metadata, null);
  assert.deepEqual(cleared.handlers, []);
  assert.deepEqual(await page.evaluate(() => ({ metadata: navigator.mediaSession.metadata, state: navigator.mediaSession.playbackState })),
                   { metadata: null, state: 'none' });
  assert.equal(await press(page, 'play'), false, 'no handler left');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test('an interrupted audio context is resumed (suspend + resume) and its cues placed again, not replaced', async (t) => {
  const page = await openPhone('?test=1');
  await startQuickSession(page);
  const audio = await page.evaluate(() => window.calfcoach.test.audio());
  if (audio.state !== 'running' || audio.pending === 0) {
    t.skip(`this engine's audio does not run here (${audio.state}, ${audio.pending} tones pending)`);
    await page.close();
    return;
  }
  const logLength = (await page.evaluate(() => window.calfcoach.cueLog())).length;
  assert.equal(await page.evaluate(() => window.calfcoach.test.interruptAudio()), true);
  await waitFor(page, () => window.calfcoach.test.audio().resumes >= 1);
  await waitFor(page, () => window.calfcoach.test.audio().state === 'running');
  // Placed again from the core's plan: every cue planned is scheduled anew after the interruption.
  const placed = await waitFor(page, (from) => {
    const { plan } = window.calfcoach.state().session;
    const fresh = window.calfcoach.cueLog().slice(from).filter((entry) => entry.how === 'scheduled');
    return plan.length > 0 && plan.every((cue) => fresh.some((entry) => entry.id === cue.id)) && { plan, fresh };
  }, logLength);
  assert.ok(placed.fresh.length >= placed.plan.length);
  const after = await page.evaluate(() => window.calfcoach.test.audio());
  assert.equal(after.recreations, audio.recreations, 'the same context, not a new one');
  assert.ok(after.pending > 0);
  await page.close();
});

test('voice on: the tap that starts a session primes speech inside the gesture', async (t) => {
  const page = await openPhone('?test=1');
  if (!(await page.evaluate(() => window.calfcoach.test.status())).speech) {
    t.skip('no speechSynthesis in this engine');
    await page.close();
    return;
  }
  await tap(page, 'home.settings');
  await tap(page, 'settings.voice');
  assert.equal((await state(page)).items.find((item) => item.id === 'settings.voice').checked, true);
  await tap(page, 'nav.back');
  const before = (await page.evaluate(() => window.calfcoach.test.speech())).primes;
  await startQuickSession(page);
  const primed = (await page.evaluate(() => window.calfcoach.test.speech())).primes;
  assert.ok(primed > before, `primed ${before} -> ${primed}`);
  // While the session plays, taps prime nothing (a cue may be speaking): the Pause tap is one.
  await tap(page, 'player.pause');
  assert.equal((await state(page)).session.paused, true);
  assert.equal((await page.evaluate(() => window.calfcoach.test.speech())).primes, primed);
  await tap(page, 'player.resume');  // the resume tap primes again
  assert.ok((await page.evaluate(() => window.calfcoach.test.speech())).primes > primed, 'primed by the resume tap');
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("a whole session's WebAssembly memory stays under 128 MB", async (t) => {
  const page = await openPhone('?timescale=60', { standIns: false });
  const start = (await state(page)).wasm_memory_bytes;
  assert.ok(start > 0, `memory at start: ${start}`);
  await startQuickSession(page);
  await waitFor(page, () => window.calfcoach.state().screen === 'done', null, 60000);
  const end = (await state(page)).wasm_memory_bytes;
  assert.ok(end >= start && end < 128 * 1024 * 1024, `memory: ${start} -> ${end} bytes`);
  t.diagnostic(`wasm memory: ${start} bytes at start, ${end} after a session`);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});
