// bench/hidden-cues.mjs — figure 4, hidden: when do the cues sound while the page is hidden?
//
// Headless Chromium never hides a page, and Playwright keeps every page it drives "visible" (focus
// emulation), so this one figure drives a headful Chromium (under Xvfb: scripts/bench provides the
// display) over a bare DevTools-protocol connection. The app plays a real-time session; another tab
// is brought to the front for HIDDEN_MS, which makes the app's tab hidden (its timers throttled, no
// animation frames); then the app's cue log is read back.
//
// For every cue the core planned inside the hidden window, the time its sound was set to start: the
// audio-clock time of the tone scheduled ahead when that tone played, else the time a late tone was
// played by `cue_due`. A planned cue with no sound at all counts as missed. Figure: max |sound - plan|.
//
//   hiddenCueTiming(url, {hiddenMs, visibleMs}) -> {cues, max_ms, missed, hidden_ms} | 'n/a (reason)'
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// From each screen, the item a person taps on the way into a massage step: Start, "None of these" on
// every safety-check page, Continue, Start the session, then Next past the still "Get ready". Shared with
// bench/run.mjs, which drives the same path through Playwright.
export const FORWARD_TO_PLAYER = {
  home: 'home.start', safety: 'safety.none', safety_result: 'safety.continue', prepare: 'prepare.start', player: 'player.next',
};

// The fewest flags that still let Chromium hide a background tab: no --headless, and none of
// Playwright's --disable-*-backgrounding switches.
const HEADFUL_ARGS = [
  '--no-sandbox', '--enable-unsafe-swiftshader', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--window-size=420,900',
];

// A minimal DevTools-protocol client over one page's WebSocket.
async function connect(webSocketUrl) {
  const socket = new WebSocket(webSocketUrl);
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = () => reject(new Error('CDP socket failed')); });
  let nextId = 0;
  const pending = new Map();
  socket.onmessage = (message) => {
    const data = JSON.parse(message.data);
    const waiter = pending.get(data.id);
    if (!waiter) return;
    pending.delete(data.id);
    if (data.error) waiter.reject(new Error(`${data.error.message}`));
    else waiter.resolve(data.result);
  };
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++nextId;
    pending.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params }));
  });
  // Evaluates an expression in the page (as a user gesture when asked) and returns its JSON value.
  const evaluate = async (expression, userGesture = false) => {
    const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true, userGesture });
    if (exceptionDetails) throw new Error(`page: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
    return result.value;
  };
  return { send, evaluate, close: () => socket.close() };
}

// Polls until `predicate` is true; errors while waiting (a page still loading has no context yet)
// count as "not yet".
async function waitFor(predicate, timeoutMs, what) {
  const start = Date.now();
  let lastError = null;
  while (Date.now() - start < timeoutMs) {
    try {
      if (await predicate()) return;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`);
}

export async function hiddenCueTiming(url, { hiddenMs = 120000, visibleMs = 5000 } = {}) {
  if (typeof WebSocket !== 'function') return 'n/a (node needs --experimental-websocket for the DevTools connection)';
  if (!process.env.DISPLAY) return 'n/a (no X display: run under xvfb-run, as scripts/bench does)';
  const profile = mkdtempSync(path.join(os.tmpdir(), 'calfcoach-hidden-'));
  const browser = spawn(process.env.CHROMIUM || '/usr/bin/chromium',
    [...HEADFUL_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, url], { stdio: 'ignore' });
  let page;
  try {
    const portFile = path.join(profile, 'DevToolsActivePort');
    await waitFor(async () => existsSync(portFile) && readFileSync(portFile, 'utf8').includes('\n'), 20000, 'chromium to start');
    const origin = `http://127.0.0.1:${readFileSync(portFile, 'utf8').split('\n')[0]}`;
    const target = (await (await fetch(`${origin}/json/list`)).json()).find((entry) => entry.type === 'page' && entry.url.startsWith(url));
    if (!target) throw new Error('the app tab was not found');
    page = await connect(target.webSocketDebuggerUrl);
    await waitFor(() => page.evaluate('!!(window.calfcoach && window.calfcoach.state().frame > 0)'), 30000, 'the first frame');

    // A real pointer press first: browsers start audio only from a user gesture.
    await page.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: 5, y: 5, button: 'left', clickCount: 1 });
    await page.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: 5, y: 5, button: 'left', clickCount: 1 });
    // Then the way a person with a screen reader goes: the HTML control over each widget.
    for (let step = 0; step < 40; step++) {
      const current = await page.evaluate('window.calfcoach.state()');
      if (current.screen === 'player' && current.session?.playing) break;
      const id = FORWARD_TO_PLAYER[current.screen];
      if (!id) throw new Error(`no way forward from screen "${current.screen}"`);
      const pressed = await page.evaluate(`(() => { const el = document.querySelector('#cc-a11y [data-id="${id}"]'); if (!el) return false; el.click(); return true; })()`, true);
      if (!pressed) throw new Error(`no control "${id}" on screen "${current.screen}"`);
      await sleep(400);
    }
    const playing = await page.evaluate('(() => { const s = window.calfcoach.state(); return s.screen === "player" && !!s.session && s.session.playing; })()');
    if (!playing) throw new Error('the session did not start');
    const audio = await page.evaluate('window.calfcoach.cueLog().some((cue) => cue.how === "scheduled")');
    if (!audio) return 'n/a (no tone was scheduled: the audio context did not start)';
    await sleep(visibleMs);

    // Cover the app with another tab: the app's tab is now hidden.
    const hideStart = await page.evaluate('performance.now()');
    const cover = await (await fetch(`${origin}/json/new?about:blank`, { method: 'PUT' })).json();
    await fetch(`${origin}/json/activate/${cover.id}`);
    await sleep(1000);
    if ((await page.evaluate('document.visibilityState')) !== 'hidden') return 'n/a (this browser did not hide the page behind another tab)';
    await sleep(hiddenMs - 1000);
    const hideEnd = await page.evaluate('performance.now()');
    const wasHidden = await page.evaluate('document.visibilityState');
    await fetch(`${origin}/json/activate/${target.id}`);
    await fetch(`${origin}/json/close/${cover.id}`);
    if (wasHidden !== 'hidden') return 'n/a (the page did not stay hidden)';

    // The app clock is performance.now() at timescale 1; cues planned inside the hidden window.
    const log = await page.evaluate('window.calfcoach.cueLog()');
    return soundsAgainstPlan(log, hideStart, hideEnd);
  } catch (error) {
    return `n/a (${error.message})`;
  } finally {
    page?.close();
    browser.kill('SIGTERM');
    await sleep(300);
    rmSync(profile, { recursive: true, force: true });
  }
}

// For each cue id planned in [from, to): when its sound was set to start. Exported for the bench's
// own check of its arithmetic.
export function soundsAgainstPlan(log, from, to) {
  const planned = new Map();
  for (const entry of log) {
    if (entry.at_ms >= from && entry.at_ms < to && !planned.has(entry.id)) planned.set(entry.id, entry.at_ms);
  }
  let max = 0;
  let missed = 0;
  for (const [id, at] of planned) {
    const entries = log.filter((entry) => entry.id === id);
    const due = entries.find((entry) => entry.how === 'due');
    // A tone set ahead and not cancelled played at its scheduled time; else the due call's own tone.
    const ahead = [...entries].reverse().find((entry) => entry.how === 'scheduled');
    const cancelledAfter = ahead && entries.slice(entries.lastIndexOf(ahead)).some((entry) => entry.how === 'cancelled');
    let sound = null;
    if (due && due.tone === 'ahead' && ahead) sound = ahead.scheduled_at_ms;
    else if (due && due.tone === 'now') sound = due.scheduled_at_ms;
    else if (!due && ahead && !cancelledAfter) sound = ahead.scheduled_at_ms;  // due still to be logged
    if (sound === null) missed++;
    else max = Math.max(max, Math.abs(sound - at));
  }
  return { cues: planned.size, max_ms: planned.size ? max : null, missed, window_ms: Math.round(to - from) };
}
