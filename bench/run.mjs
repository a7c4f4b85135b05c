// bench/run.mjs — the measuring half of scripts/bench: loads ours (dist/) and the two reference builds
// (build/bench/floor, build/bench/peer) in Debian's headless chromium and measures, side by side:
//   1. first-load transfer (the requests the browser actually made, gzip -9 and brotli q11 of each body,
//      and the bytes that crossed the wire as served, in the encoding the browser asked for)
//   2. start-up: navigation start -> performance mark "calfcoach-first-frame", cold and cache-warm
//   3. main-thread cost (CDP Performance.getMetrics TaskDuration) idle; playing; playing + reduced motion
//   4. cue timing: the audio clock against the core's plan, visible, and hidden (bench/hidden-cues.mjs)
//   5. memory: wasm memory and JS heap after load (and after a session, once there is a player)
//   6. native core timings (the triage check and the session engine)
//   7. Lighthouse's mobile audit of ours (bench/lighthouse.mjs), median of 3
//   8. the wasm's biggest functions and its code by part (bench/wasm-functions.mjs)
// The playing figures are set against a page-sized WebGL2 canvas drawn every frame (bench/continuous).
// then checks the targets, prints a table and writes build/bench.json. Benchmarks, not tests: it never
// fails on a missed target (exit 0), only on a broken measurement (exit 1).
//
//   node bench/run.mjs [--runs N] [--quick] [--out build/bench.json]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

import { repoRoot, scrollIntoView, startServer } from '../tests/browser/harness.mjs';
import { launch as launchChromium } from '../tests/browser/driver/chromium.mjs';
import { FORWARD_TO_PLAYER, hiddenCueTiming } from './hidden-cues.mjs';
import { lighthouseFigures } from './lighthouse.mjs';
import { wasmFunctionReport } from './wasm-functions.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(repoRoot, 'build', 'bench.json') },
  },
});
const RUNS = args.quick ? 1 : Math.max(1, Number.parseInt(args.runs, 10) || 5);
const IDLE_MS = args.quick ? 3000 : 10000;      // main-thread window (figures are scaled to 10 s)
const CUE_HIDDEN_MS = args.quick ? 10000 : 120000;
const FIRST_FRAME_TIMEOUT_MS = 60000;

const BUILDS = [
  { name: 'ours', dir: process.env.CALFCOACH_DIST || path.join(repoRoot, 'dist') },
  { name: 'floor', dir: path.join(repoRoot, 'build', 'bench', 'floor') },
  { name: 'peer', dir: path.join(repoRoot, 'build', 'bench', 'peer') },
];
const OFFLINE_PAGE = 'calfcoach-offline.html';
// The playing figure's reference: a page-sized WebGL2 canvas redrawn every display frame (plain JS,
// nothing to build), served from bench/ as bench/continuous/.
const CONTINUOUS_ROOT = path.join(repoRoot, 'bench');
const LIGHTHOUSE_RUNS = args.quick ? 1 : 3;

// Desktop size; a screen larger than the viewport so that no build's glfwSetWindowSize(screen size)
// turns into a fullscreen request (TOOLCHAIN.md), which would leave a 300x150 canvas.
const CONTEXT_OPTIONS = {
  viewport: { width: 1280, height: 800 },
  screen: { width: 1920, height: 1080 },
  deviceScaleFactor: 1,
};

// Runs in every page before its own scripts: remembers each wasm memory the page instantiates, so the
// memory of any build (closure-renamed or not) can be read the same way.
function captureWasmMemories() {
  const memories = [];
  Object.defineProperty(window, '__benchWasmMemories', { value: memories });
  const grab = (instance) => {
    try {
      for (const value of Object.values(instance.exports)) {
        if (value instanceof WebAssembly.Memory && !memories.includes(value)) memories.push(value);
      }
    } catch { /* not an instance */ }
  };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...a) {
    return instantiate.apply(this, a).then((result) => { grab(result.instance || result); return result; });
  };
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) {
    WebAssembly.instantiateStreaming = function (...a) {
      return streaming.apply(this, a).then((result) => { grab(result.instance); return result; });
    };
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
  });
}

//-----------------------------------------------------------------------------
// Helpers
//-----------------------------------------------------------------------------
const median = (values) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const hasCli = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
const GZIP_CLI = hasCli('gzip');
const BROTLI_CLI = hasCli('brotli');

// The same compressors and levels as scripts/size-report (CLI), Node's zlib when a CLI is missing.
function gzipSize(buffer) {
  if (GZIP_CLI) return spawnSync('gzip', ['-9', '-c'], { input: buffer, maxBuffer: 1 << 28 }).stdout.length;
  return zlib.gzipSync(buffer, { level: 9 }).length;
}
function brotliSize(buffer) {
  if (BROTLI_CLI) return spawnSync('brotli', ['-c', '-q', '11'], { input: buffer, maxBuffer: 1 << 28 }).stdout.length;
  return zlib.brotliCompressSync(buffer, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

async function newContext(browser, extra = {}) {
  const context = await browser.newContext({ ...CONTEXT_OPTIONS, ...extra });
  await context.addInitScript(captureWasmMemories);
  return context;
}

// A page that records problems (console errors, page errors, CSP violations) into `problems`.
async function newPage(context, problems) {
  const page = await context.newPage();
  page.on('console', (message) => { if (message.type() === 'error') problems.add(`console error: ${message.text()}`); });
  page.on('pageerror', (error) => problems.add(`page error: ${error.message}`));
  return page;
}

const firstFrameMs = (page) => page.evaluate(() => {
  const entry = performance.getEntriesByName('calfcoach-first-frame')[0];
  return entry ? entry.startTime : null;
});

async function waitForFirstFrame(page) {
  await page.waitForFunction(() => performance.getEntriesByName('calfcoach-first-frame').length > 0, null,
    { timeout: FIRST_FRAME_TIMEOUT_MS, polling: 20 });
  return firstFrameMs(page);
}

const hasSurface = (page) => page.evaluate(() => !!(window.calfcoach && typeof window.calfcoach.state === 'function'));
const appState = (page) => page.evaluate(() => window.calfcoach.state());

// Our app draws on demand: wait until it stops drawing. The references: a fixed pause.
async function settle(page, quietMs = 500, timeoutMs = 10000) {
  if (!(await hasSurface(page))) { await sleep(quietMs * 2); return; }
  const now = await appState(page);
  // A playing session never goes quiet (a moving canvas, or the countdown's frame each second).
  if (now.animating || (now.screen === 'player' && now.session?.playing)) { await sleep(300); return; }
  const start = Date.now();
  let last = (await appState(page)).frame;
  let lastChange = Date.now();
  while (Date.now() - start < timeoutMs) {
    await sleep(50);
    const { frame } = await appState(page);
    if (frame !== last) { last = frame; lastChange = Date.now(); } else if (Date.now() - lastChange >= quietMs) return;
  }
}

async function wasmMemoryBytes(page) {
  return page.evaluate(() => {
    const reported = window.calfcoach && window.calfcoach.state ? window.calfcoach.state().wasm_memory_bytes : undefined;
    if (typeof reported === 'number') return reported;
    const memories = window.__benchWasmMemories || [];
    return memories.length ? memories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0) : null;
  });
}

async function jsHeapBytes(cdp) {
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

async function taskDurationMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const find = (name) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { task: find('TaskDuration') * 1000, script: find('ScriptDuration') * 1000 };
}

// Main-thread time over `ms`, scaled to 10 s; for ours also the frames drawn meanwhile.
async function mainThreadWindow(page, cdp, ms) {
  const surface = await hasSurface(page);
  const frame0 = surface ? (await appState(page)).frame : null;
  const before = await taskDurationMs(cdp);
  await sleep(ms);
  const after = await taskDurationMs(cdp);
  const frame1 = surface ? (await appState(page)).frame : null;
  const scale = 10000 / ms;
  return {
    window_ms: ms,
    task_ms_per_10s: (after.task - before.task) * scale,
    script_ms_per_10s: (after.script - before.script) * scale,
    frames: surface ? frame1 - frame0 : null,
  };
}

//-----------------------------------------------------------------------------
// 1. First-load transfer
//-----------------------------------------------------------------------------
// Loads `url` in a fresh context with the cache disabled and records every response to a request made
// up to the first frame (the page's icon too, which the browser asks for when it likes). What a page
// adds after its first frame (ours: pwa.js, then sw.js) is off the path to it and not counted, like
// the manifest and the install icons.
async function firstLoadTransfer(browser, url, problems) {
  const context = await newContext(browser);
  const page = await newPage(context, problems);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const responses = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(url);
  await waitForFirstFrame(page);
  const firstFrameAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('calfcoach-first-frame')[0].startTime);
  await settle(page);
  await sleep(500);  // late requests (icon)
  const files = [];
  for (const response of responses) {
    const requestUrl = new URL(response.url());
    if (requestUrl.protocol === 'data:' || requestUrl.protocol === 'blob:') continue;
    const isIcon = /\.(svg|ico|png)$/.test(requestUrl.pathname) && response.request().resourceType() === 'other';
    if (response.request().timing().startTime > firstFrameAt && !isIcon) continue;
    let body;
    try { body = await response.body(); } catch { continue; }
    let file = decodeURIComponent(requestUrl.pathname).replace(/^\//, '');
    if (file === '' || file.endsWith('/')) file += 'index.html';
    // What really crossed the wire: the body as sent (in the encoding the server chose for the
    // browser's Accept-Encoding) and the response's headers.
    const sizes = await response.request().sizes();
    const encoding = (await response.headerValue('content-encoding')) || 'identity';
    files.push({ file, status: response.status(), raw: body.length, gzip: gzipSize(body), brotli: brotliSize(body),
      wire: sizes.responseBodySize + sizes.responseHeadersSize, encoding });
  }
  // What the browser said it takes: the server picks the encoding from it.
  const acceptEncoding = responses.length ? await responses[0].request().headerValue('accept-encoding') : null;
  await context.close();
  const total = (key) => files.reduce((sum, entry) => sum + entry[key], 0);
  return { files, accept_encoding: acceptEncoding, total: { raw: total('raw'), gzip: total('gzip'), brotli: total('brotli'), wire: total('wire') } };
}

//-----------------------------------------------------------------------------
// 2. Start-up
//-----------------------------------------------------------------------------
async function coldStart(browser, url, problems) {
  const context = await newContext(browser);
  const page = await newPage(context, problems);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(url);
  const ms = await waitForFirstFrame(page);
  const phases = await startPhases(page);
  await context.close();
  return { ms, ...phases };
}

// Where a start-up went: when the wasm had arrived (resource timing, from navigation start) and how long
// from there to the first frame (compile, runtime start, main(), fonts, first draw).
async function startPhases(page) {
  return page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.wasm'));
    const frame = performance.getEntriesByName('calfcoach-first-frame')[0];
    if (!wasm || !frame) return { wasm_received_ms: null, wasm_to_frame_ms: null };
    return { wasm_received_ms: wasm.responseEnd, wasm_to_frame_ms: frame.startTime - wasm.responseEnd };
  });
}

// `runs` reloads of an open page, each sample navigation start to first frame. `rejects(page)` may
// refuse a sample with a reason (a string), which then stands for the whole figure.
async function reloadStarts(page, runs, rejects = async () => null) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    await page.reload();
    const ms = await waitForFirstFrame(page);
    const reason = await rejects(page);
    if (reason) return reason;
    samples.push(ms);
    await settle(page, 300);
  }
  return samples;
}

// A fresh context and page at `url`, drawn once; `use(page)` measures, and the context is closed after.
async function withLoadedPage(browser, url, problems, use) {
  const context = await newContext(browser);
  try {
    const page = await newPage(context, problems);
    await page.goto(url);
    await waitForFirstFrame(page);
    return await use(page);
  } finally {
    await context.close();
  }
}

// Cache-warm: one priming load, then `runs` reloads of the same page in the same context (HTTP cache
// and V8's code cache warm). A service-worker warm start is a later figure.
const warmStarts = (browser, url, problems, runs) => withLoadedPage(browser, url, problems, async (page) => {
  await settle(page, 300);
  return reloadStarts(page, runs);
});

// Service-worker warm: the first visit installs the worker; later loads come from its cache (as a
// phone opening the saved app does). Samples count only while the worker controls the page.
const serviceWorkerStarts = (browser, url, problems, runs) => withLoadedPage(browser, url, problems, async (page) => {
  const registered = await page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return 'no service worker support';
    const ready = await Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 15000))]);
    return ready ? true : 'no service worker became active within 15 s';
  });
  if (registered !== true) return `n/a (${registered})`;
  return reloadStarts(page, runs, async (current) => (
    (await current.evaluate(() => !!navigator.serviceWorker.controller)) ? null : 'n/a (the page was not served by its service worker)'));
});

//-----------------------------------------------------------------------------
// 3 and 5. Idle main thread and memory after load
//-----------------------------------------------------------------------------
async function idleAndMemory(browser, url, problems) {
  const context = await newContext(browser);
  const page = await newPage(context, problems);
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await waitForFirstFrame(page);
  await settle(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const idle = await mainThreadWindow(page, cdp, IDLE_MS);
  const memory = { wasm_bytes: await wasmMemoryBytes(page), js_heap_bytes: await jsHeapBytes(cdp) };
  const surface = await hasSurface(page);
  const screen = surface ? (await appState(page)).screen : null;
  await context.close();
  return { idle, memory, screen };
}

// The playing figure's reference: main-thread time of a page-sized canvas drawing every frame.
const continuousCanvas = (browser, url) => withLoadedPage(browser, url, new Set(), async (page) => {
  const cdp = await page.context().newCDPSession(page);
  await sleep(1000);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return mainThreadWindow(page, cdp, IDLE_MS);
});

//-----------------------------------------------------------------------------
// 3, 4 and 5 with a session playing (ours only; skipped cleanly while there is no player)
//-----------------------------------------------------------------------------
// A player is playing when the session screen reports it: state().session = {playing: true, ...}.
// (The "session" screen exists today as a placeholder without that field: not a player.)
const isPlaying = (current) => current.screen === 'player' && !!current.session && current.session.playing === true;

// Walks from home into a playing session the way a person would: Start, "No" to every safety
// question, Continue, Start the session, then Next past "Get ready" into the first massage step
// (the item ids of the app's automation surface).
async function reachPlayer(page, tap) {
  if (!(await hasSurface(page))) return { reached: false, reason: 'no automation surface' };
  const visited = [];
  for (let step = 0; step < 40; step++) {
    const current = await appState(page);
    // A massage step, where the diagram moves: "Get ready" is still, so it would flatter the figure.
    if (isPlaying(current) && current.session.phase === 'step') return { reached: true, steps: visited };
    const id = FORWARD_TO_PLAYER[current.screen];
    const next = id && (current.items || []).find((item) => item.id === id && !item.disabled);
    if (!next) return { reached: false, reason: `no way forward from screen "${current.screen}"`, steps: visited };
    visited.push(`${current.screen}:${next.id}`);
    await tap(next);
  }
  return { reached: false, reason: 'no player after 40 steps', steps: visited };
}

async function openPlayer(browser, url, problems, extra = {}) {
  const context = await newContext(browser, extra);
  const page = await newPage(context, problems);
  await page.goto(url);
  await waitForFirstFrame(page);
  await settle(page);
  const tap = async (item) => {
    const target = await scrollIntoView(page, item.id);  // the page scrolls by wheel, as with a mouse
    await page.mouse.click(target.x + target.w / 2, target.y + target.h / 2);
    await settle(page, 300, 3000);
  };
  const route = await reachPlayer(page, tap);
  return { context, page, route };
}

async function sessionFigures(browser, url, problems) {
  const result = { playing: null, reduced_motion: null, memory_after_session: null, cues: null };
  // Playing, animation on.
  {
    const { context, page, route } = await openPlayer(browser, url, problems);
    if (!route.reached) {
      await context.close();
      const reason = `n/a (no player yet: ${route.reason})`;
      return { playing: reason, reduced_motion: reason, memory_after_session: reason, cues: cueNa(reason), route };
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    result.playing = await mainThreadWindow(page, cdp, IDLE_MS);
    result.cues = await cueTiming(page, url);
    result.memory_after_session = { wasm_bytes: await wasmMemoryBytes(page), js_heap_bytes: await jsHeapBytes(cdp) };
    result.route = route;
    await context.close();
  }
  // Playing with prefers-reduced-motion.
  {
    const { context, page, route } = await openPlayer(browser, url, problems, { reducedMotion: 'reduce' });
    if (route.reached) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      result.reduced_motion = await mainThreadWindow(page, cdp, IDLE_MS);
    } else {
      result.reduced_motion = `n/a (no player with reduced motion: ${route.reason})`;
    }
    await context.close();
  }
  return result;
}

//-----------------------------------------------------------------------------
// 4. Cue timing
//-----------------------------------------------------------------------------
// Expected surface (not in the app yet): window.calfcoach.cueLog() returns the cues scheduled so far,
// [{id, planned_ms, scheduled_ms}], both on the session clock: planned_ms from the core's plan,
// scheduled_ms the time the audio was scheduled to start (AudioContext time mapped to that clock).
const cueNa = (reason) => ({ visible: reason, hidden: reason });
// The app's cue log (docs/platform.md): the cues scheduled on the audio clock, with at_ms from the
// core's plan and scheduled_at_ms read back from the AudioContext, both on the app's clock.
const readCueLog = (page) => page.evaluate(() => {
  const log = window.calfcoach && window.calfcoach.cueLog;
  if (log === undefined) return null;
  return (typeof log === 'function' ? log.call(window.calfcoach) : log)
    .filter((cue) => cue.how === 'scheduled')
    .map((cue) => ({ id: cue.id, planned_ms: cue.at_ms, scheduled_ms: cue.scheduled_at_ms }));
});
const maxDeviation = (cues) => cues.length
  ? { cues: cues.length, max_ms: Math.max(...cues.map((cue) => Math.abs(cue.scheduled_ms - cue.planned_ms))) }
  : 'n/a (no cue in the window)';

async function cueTiming(page, url) {
  if ((await readCueLog(page)) === null) return cueNa('n/a (no audio cues yet: window.calfcoach.cueLog absent)');
  // Visible: the cues of the window just measured (the session has been playing IDLE_MS).
  const visible = maxDeviation(await readCueLog(page));
  // Hidden: a headful chromium of its own (bench/hidden-cues.mjs), another tab in front for CUE_HIDDEN_MS.
  process.stderr.write(`bench: ours: cue timing with the page hidden (${CUE_HIDDEN_MS / 1000} s, headful chromium)\n`);
  const hidden = await hiddenCueTiming(url, { hiddenMs: CUE_HIDDEN_MS });
  return { visible, hidden };
}

//-----------------------------------------------------------------------------
// 6. Native core
//-----------------------------------------------------------------------------
function nativeCore() {
  // Built by scripts/bench with the native preset (RelWithDebInfo); run once, it prints JSON.
  const binary = path.join(repoRoot, 'build', 'native', 'calfcoach_core_bench');
  if (!existsSync(binary)) return { triage_all_ms: 'n/a (build/native/calfcoach_core_bench missing)', simulate_10000_sessions_ms: 'n/a' };
  try {
    const output = execFileSync(binary, { encoding: 'utf8', timeout: 600000 });
    const figures = JSON.parse(output);
    return { triage_all_ms: figures.triage_all_ms, simulate_10000_sessions_ms: figures.simulate_10000_sessions_ms };
  } catch (error) {
    const reason = `n/a (core_bench failed: ${String(error.message).split('\n')[0]})`;
    return { triage_all_ms: reason, simulate_10000_sessions_ms: reason };
  }
}

//-----------------------------------------------------------------------------
// Targets, table
//-----------------------------------------------------------------------------
const KB = 1024;
const MB = 1024 * 1024;
const fmtKB = (bytes) => (typeof bytes === 'number' ? `${(bytes / KB).toFixed(1)} KB` : bytes ?? 'n/a');
const fmtMB = (bytes) => (typeof bytes === 'number' ? `${(bytes / MB).toFixed(1)} MB` : bytes ?? 'n/a');
const fmtMs = (ms, digits = 0) => (typeof ms === 'number' ? `${ms.toFixed(digits)} ms` : ms ?? 'n/a');
const short = (value) => (typeof value === 'string' && value.startsWith('n/a') ? 'n/a' : value);

// A figure that must stay at or under `limit` (ratio = measured / limit); `atLeast`: at or over it
// (ratio = limit / measured). Either way a ratio up to 1 passes.
function target(name, measured, limit, display, { atLeast = false } = {}) {
  if (typeof measured !== 'number' || Number.isNaN(measured) || typeof limit !== 'number' || !(limit > 0)) {
    return { target: name, measured: 'n/a', reason: typeof measured === 'string' ? measured : undefined, ratio: null, result: 'n/a' };
  }
  const ratio = atLeast ? (measured > 0 ? limit / measured : Infinity) : measured / limit;
  return { target: name, measured: display(measured), ratio, result: ratio <= 1 ? 'PASS' : 'MISS' };
}

function evaluateTargets(r) {
  const ours = r.builds.ours;
  const floor = r.builds.floor;
  const peer = r.builds.peer;
  const oursLoad = ours.transfer.total.gzip;
  const floorLoad = floor.transfer.total.gzip;
  const peerIdle = peer.idle.task_ms_per_10s;
  const pct = (value) => `${value.toFixed(2)}% of peer`;
  const session = r.session;
  // A cue that never sounded is as late as a cue can be: it fails the target.
  const cue = (kind) => {
    const figure = session.cues?.[kind];
    if (typeof figure !== 'object' || figure === null) return figure;
    return figure.missed > 0 ? Infinity : figure.max_ms;
  };
  const playing = typeof session.playing === 'object' && session.playing ? session.playing.task_ms_per_10s : session.playing;
  const reduced = typeof session.reduced_motion === 'object' && session.reduced_motion
    ? session.reduced_motion.task_ms_per_10s : session.reduced_motion;
  const asPct = (value) => (typeof value === 'number' ? (100 * value) / peerIdle : value);
  const continuous = typeof r.continuous === 'object' && r.continuous ? r.continuous.task_ms_per_10s : r.continuous;
  const ofContinuous = (value) => (typeof value === 'number' && typeof continuous === 'number' ? (100 * value) / continuous
    : (typeof value === 'string' ? value : continuous));
  const pctContinuous = (value) => `${value.toFixed(2)}% of canvas`;
  const lh = typeof r.lighthouse === 'object' && r.lighthouse ? r.lighthouse : null;
  const lhFigure = (key) => (lh ? lh[key] : r.lighthouse);
  return [
    target('first load <= 200 KB gzip', oursLoad, 200 * KB, fmtKB),
    target('on the wire to first frame <= 190 KB', ours.transfer.total.wire, 190 * KB, fmtKB),
    target(`Lighthouse mobile Performance >= 95 (median of ${lh ? lh.runs : LIGHTHOUSE_RUNS})`, lhFigure('performance'), 95,
      (x) => x.toFixed(0), { atLeast: true }),
    target('Lighthouse LCP <= 2.5 s', lhFigure('lcp_ms'), 2500, (x) => fmtMs(x)),
    target('Lighthouse TBT <= 200 ms', lhFigure('tbt_ms'), 200, (x) => fmtMs(x)),
    { ...target('first load <= 1.6 x floor (gzip)', oursLoad / floorLoad, 1.6, (x) => `${x.toFixed(2)} x floor`) },
    target('start-up cold <= 1.2 x floor', ours.startup.cold_median_ms / floor.startup.cold_median_ms, 1.2,
      (x) => `${x.toFixed(2)} x floor`),
    target('idle main thread <= 1% of peer', asPct(ours.idle.task_ms_per_10s), 1, pct),
    target('playing main thread <= 10% of a continuous canvas', ofContinuous(playing), 10, pctContinuous),
    target('playing, reduced motion <= 2% of a continuous canvas', ofContinuous(reduced), 2, pctContinuous),
    target('cue deviation <= 20 ms visible', cue('visible'), 20, (x) => fmtMs(x, 1)),
    target('cue deviation <= 50 ms hidden', cue('hidden'), 50, (x) => (x === Infinity ? 'a cue missed' : fmtMs(x, 1))),
    target('wasm memory <= 32 MB', ours.memory.wasm_bytes, 32 * MB, fmtMB),
  ];
}

function table(rows, header) {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => String(row[column]).length)));
  // Text left, figures right.
  const numeric = (cell) => typeof cell === 'number' || /^[\d.,-]+( ?(KB|MB|ms|x floor|% of peer))?$/.test(String(cell));
  const line = (row) => row.map((cell, column) => (numeric(cell) && column > 0 ? String(cell).padStart(widths[column])
    : String(cell).padEnd(widths[column]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// Lighthouse's figures of the median run, in ours' column.
function lighthouseRows(lh) {
  if (typeof lh !== 'object' || !lh) return [['Lighthouse mobile', short(lh), '-', '-']];
  return [
    [`Lighthouse mobile Performance (runs: ${lh.scores.join(', ')})`, lh.performance.toFixed(0), '-', '-'],
    ['  Accessibility / Best Practices / SEO', `${lh.accessibility} / ${lh.best_practices} / ${lh.seo}`, '-', '-'],
    ['  FCP / LCP', `${fmtMs(lh.fcp_ms)} / ${fmtMs(lh.lcp_ms)}`, '-', '-'],
    ['  TBT / TTI', `${fmtMs(lh.tbt_ms)} / ${fmtMs(lh.tti_ms)}`, '-', '-'],
  ];
}

function render(r) {
  const out = [];
  const names = BUILDS.map((build) => build.name);
  out.push(`Calf Coach benchmark — ${r.date}`);
  out.push(`machine: ${r.machine.nproc} x ${r.machine.cpu}; ${r.machine.chromium}; runs: ${r.runs}` +
    `${r.quick ? ' (quick)' : ''}; main-thread window: ${r.idle_window_ms / 1000} s (scaled to 10 s)`);
  out.push('');
  out.push('1. First-load transfer (requests recorded by the browser; gzip -9, brotli q11; on the wire as served,');
  out.push(`   headers included, the browser asking "${r.builds.ours.transfer.accept_encoding}"; bytes)`);
  const fileRows = [];
  for (const name of names) {
    const { files, total } = r.builds[name].transfer;
    for (const file of files) fileRows.push([name, file.file, file.raw, file.gzip, file.brotli, file.wire, file.encoding]);
    fileRows.push([name, 'total', total.raw, total.gzip, total.brotli, total.wire, '']);
  }
  const offline = r.offline_page;
  if (typeof offline === 'string') fileRows.push(['offline', OFFLINE_PAGE, 'n/a', 'n/a', 'n/a', '-', '']);
  else {
    for (const file of offline.files) fileRows.push(['offline', file.file, file.raw, file.gzip, file.brotli, '-', '']);
    fileRows.push(['offline', 'total', offline.total.raw, offline.total.gzip, offline.total.brotli, '-', '']);
  }
  out.push(table(fileRows, ['build', 'file', 'raw', 'gzip', 'brotli', 'wire', 'encoding']));
  out.push('');
  out.push('Summary');
  const get = (fn) => names.map((name) => { try { return fn(r.builds[name]); } catch { return 'n/a'; } });
  const session = r.session;
  const playingCell = (value) => (typeof value === 'object' && value ? fmtMs(value.task_ms_per_10s, 1) : short(value));
  const summary = [
    ['first load, gzip', ...get((b) => fmtKB(b.transfer.total.gzip))],
    ['first load, brotli', ...get((b) => fmtKB(b.transfer.total.brotli))],
    ['on the wire to first frame (as served)', ...get((b) => fmtKB(b.transfer.total.wire))],
    ['offline page, gzip', typeof offline === 'string' ? 'n/a' : fmtKB(offline.total.gzip), '-', '-'],
    [`start-up cold, median of ${r.runs}`, ...get((b) => fmtMs(b.startup.cold_median_ms))],
    [`start-up cold, best of ${r.runs}`, ...get((b) => fmtMs(Math.min(...b.startup.cold_ms)))],
    ['  cold: wasm received at (median)', ...get((b) => fmtMs(b.startup.cold_wasm_received_median_ms))],
    ['  cold: wasm received -> first frame', ...get((b) => fmtMs(b.startup.cold_wasm_to_frame_median_ms))],
    [`start-up cache-warm, median of ${r.runs}`, ...get((b) => fmtMs(b.startup.warm_median_ms))],
    [`start-up service worker, median of ${r.runs}`, ...get((b) => (b.startup.sw_median_ms === undefined ? '-' : short(fmtMs(b.startup.sw_median_ms))))],
    ['main thread idle, per 10 s', ...get((b) => fmtMs(b.idle.task_ms_per_10s, 1))],
    ['  frames drawn while idle', ...get((b) => b.idle.frames ?? '-')],
    ['main thread playing, per 10 s', playingCell(session.playing), '-', '-'],
    ['  continuous canvas, same size', playingCell(r.continuous), '-', '-'],
    ['  with reduced motion', playingCell(session.reduced_motion), '-', '-'],
    ['wasm memory after load', ...get((b) => fmtMB(b.memory.wasm_bytes))],
    ['JS heap after load', ...get((b) => fmtMB(b.memory.js_heap_bytes))],
    ['wasm memory after a session',
      typeof session.memory_after_session === 'object' && session.memory_after_session
        ? fmtMB(session.memory_after_session.wasm_bytes) : short(session.memory_after_session), '-', '-'],
    ['cue deviation, visible', typeof session.cues?.visible === 'object' ? fmtMs(session.cues.visible.max_ms, 1) : short(session.cues?.visible), '-', '-'],
    ['cue deviation, hidden 2 min', typeof session.cues?.hidden === 'object' ? `${fmtMs(session.cues.hidden.max_ms, 1)} (${session.cues.hidden.cues} cues, ${session.cues.hidden.missed} missed)` : short(session.cues?.hidden), '-', '-'],
    ...lighthouseRows(r.lighthouse),
    ['native: check every triage combination', short(r.native.triage_all_ms), '-', '-'],
    ['native: simulate 10,000 sessions', short(r.native.simulate_10000_sessions_ms), '-', '-'],
  ];
  out.push(table(summary, ['figure', ...names]));
  const notes = [];
  if (typeof offline === 'string') notes.push(`offline page: ${offline}`);
  if (typeof session.playing === 'string') notes.push(`session figures: ${session.playing}`);
  if (typeof session.cues?.visible === 'string') notes.push(`cue timing: ${session.cues.visible}`);
  if (typeof r.native.triage_all_ms === 'string') notes.push(`native core: ${r.native.triage_all_ms}`);
  if (typeof r.lighthouse === 'string') notes.push(`lighthouse: ${r.lighthouse}`);
  else if (r.lighthouse) {
    const tasks = r.lighthouse.long_tasks.map((task) => `${path.basename(task.url) || task.url} ${task.duration_ms} ms`);
    notes.push(`Lighthouse's long tasks (its median run): ${tasks.join(', ') || 'none'}`);
  }
  if (typeof r.continuous === 'string') notes.push(`continuous canvas: ${r.continuous}`);
  if (notes.length) out.push('', ...notes.map((note) => `note: ${note}`));
  const wasm = r.wasm_functions;
  if (typeof wasm === 'object' && wasm) {
    out.push('', `app.wasm: ${wasm.code_bytes} bytes of code in ${wasm.functions} functions, ${wasm.data_bytes} bytes of data`);
    out.push(table(wasm.top.map((fn) => [fn.name.slice(0, 100), fn.size]), ['biggest functions', 'bytes']));
    out.push(table(wasm.parts.map((part) => [part.part, part.size]), ['code by part', 'bytes']));
  } else if (wasm) out.push('', `note: wasm functions: ${wasm}`);
  out.push('');
  out.push('Targets');
  out.push(table(r.targets.map((t) => [t.target, t.measured, t.ratio === null ? '-' : t.ratio.toFixed(2), t.result]),
    ['target', 'measured', 'ratio', 'result']));
  const problems = names.filter((name) => r.builds[name].problems.length);
  for (const name of problems) out.push('', `${name}: page problems: ${r.builds[name].problems.join('; ')}`);
  return out.join('\n');
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
  return { nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length, cpu, load: os.loadavg() };
}

//-----------------------------------------------------------------------------
// main
//-----------------------------------------------------------------------------
async function main() {
  for (const build of BUILDS) {
    if (!existsSync(path.join(build.dir, 'index.html'))) throw new Error(`${build.name}: no build in ${build.dir} (run scripts/bench)`);
  }
  const servers = {};
  const browser = (await launchChromium()).raw;  // Playwright's own: the bench uses CDP
  const result = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: { ...machine(), chromium: browser.version().startsWith('Chromium') ? browser.version() : `Chromium ${browser.version()}` },
    runs: RUNS, quick: args.quick, idle_window_ms: IDLE_MS, builds: {},
  };
  try {
    for (const build of BUILDS) servers[build.name] = await startServer({ root: build.dir });
    const problems = Object.fromEntries(BUILDS.map((build) => [build.name, new Set()]));
    const log = (text) => process.stderr.write(`bench: ${text}\n`);

    for (const build of BUILDS) {
      log(`${build.name}: first-load transfer`);
      result.builds[build.name] = { dir: path.relative(repoRoot, build.dir) || '.', transfer: await firstLoadTransfer(browser, servers[build.name].url, problems[build.name]) };
    }
    const offlinePath = path.join(BUILDS[0].dir, OFFLINE_PAGE);
    // The one-file page is a download, opened from disk (it carries its own CSP for file://, and a
    // server's strict CSP would refuse its inline code): its transfer is the file itself.
    if (existsSync(offlinePath)) {
      const body = readFileSync(offlinePath);
      const entry = { file: OFFLINE_PAGE, status: 200, raw: body.length, gzip: gzipSize(body), brotli: brotliSize(body) };
      result.offline_page = { files: [entry], total: { raw: entry.raw, gzip: entry.gzip, brotli: entry.brotli } };
    } else {
      result.offline_page = 'n/a (dist/calfcoach-offline.html not built yet)';
    }

    // Cold starts interleaved across builds, so a busy moment on a shared machine hits them all alike.
    const cold = Object.fromEntries(BUILDS.map((build) => [build.name, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const build of BUILDS) {
        log(`${build.name}: cold start ${run + 1}/${RUNS}`);
        cold[build.name].push(await coldStart(browser, servers[build.name].url, problems[build.name]));
      }
    }
    for (const build of BUILDS) {
      log(`${build.name}: cache-warm starts`);
      const warm = await warmStarts(browser, servers[build.name].url, problems[build.name], RUNS);
      // Only ours has a service worker (dist/sw.js); the references are plain pages.
      let sw = null;
      if (build.name === 'ours') {
        sw = existsSync(path.join(build.dir, 'sw.js'))
          ? await serviceWorkerStarts(browser, servers[build.name].url, problems[build.name], RUNS)
          : 'n/a (no dist/sw.js)';
      }
      const samples = cold[build.name];
      result.builds[build.name].startup = {
        cold_ms: samples.map((sample) => sample.ms), cold_median_ms: median(samples.map((sample) => sample.ms)),
        cold_wasm_received_median_ms: median(samples.map((sample) => sample.wasm_received_ms).filter((v) => v !== null)),
        cold_wasm_to_frame_median_ms: median(samples.map((sample) => sample.wasm_to_frame_ms).filter((v) => v !== null)),
        warm_ms: warm, warm_median_ms: median(warm),
        sw_ms: build.name === 'ours' && sw !== null ? sw : undefined,
        sw_median_ms: build.name === 'ours' && Array.isArray(sw) ? median(sw) : (build.name === 'ours' ? sw : undefined),
      };
    }
    for (const build of BUILDS) {
      log(`${build.name}: idle main thread (${IDLE_MS / 1000} s) and memory`);
      const { idle, memory, screen } = await idleAndMemory(browser, servers[build.name].url, problems[build.name]);
      Object.assign(result.builds[build.name], { idle, memory, screen });
    }
    log(`continuous canvas: main thread (${IDLE_MS / 1000} s)`);
    servers.continuous = await startServer({ root: CONTINUOUS_ROOT });
    result.continuous = await continuousCanvas(browser, new URL('continuous/', servers.continuous.url).href)
      .catch((error) => `n/a (${error.message.split('\n')[0]})`);
    log('ours: session (player, reduced motion, cues)');
    result.session = await sessionFigures(browser, servers.ours.url, problems.ours);
    // Last, alone: Lighthouse starts its own chromium and times a throttled load.
    log(`ours: Lighthouse mobile, ${LIGHTHOUSE_RUNS} run(s)`);
    result.lighthouse = await lighthouseFigures(servers.ours.url, LIGHTHOUSE_RUNS);
    result.native = nativeCore();
    log('ours: the wasm\'s biggest functions (a relink with names)');
    try { result.wasm_functions = wasmFunctionReport(10); } catch (error) { result.wasm_functions = `n/a (${error.message})`; }
    for (const build of BUILDS) result.builds[build.name].problems = [...problems[build.name]];
    result.targets = evaluateTargets(result);
  } finally {
    await browser.close();
    for (const server of Object.values(servers)) server.stop();
  }
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(args.out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(render(result) + '\n');
  process.stderr.write(`bench: wrote ${path.relative(repoRoot, args.out)}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack || error}\n`);
  process.exit(1);
});
