// driver/index.mjs — one browser-test API over three engines, so a test states its steps once and
// runs in Chromium (Playwright), Firefox ESR (Puppeteer over WebDriver BiDi) and WebKitGTK
// (Selenium over WebKitWebDriver). The engine comes from CALFCOACH_ENGINE (default chromium).
//
// A Browser:  name · newPage(device) · close() · raw (the engine's own object)
// A Page:
//   engine, deviceName, touch (taps are touches), dpr (the ratio the engine really gave)
//   addInitScript(fn, arg)            before goto: runs in every page and frame before their scripts
//   goto(url) · reload() · url()
//   evaluate(fn, arg)                 fn runs in the page; arg and result are JSON values
//   waitForFunction(fn, arg, {timeout, interval})  polls until fn returns a truthy value; returns it
//   waitForTimeout(ms)
//   mouse.click(x, y) · mouse.move(x, y) · mouse.wheel(dx, dy)
//   touchscreen.tap(x, y) · touchDrag(x, y0, y1, steps)
//   keyboard.press('Tab' | 'Shift+Tab' | 'Enter' | ' ' | 'ArrowDown' | ...) · keyboard.type(text)
//   screenshot({path}) -> PNG Buffer of the viewport
//   viewportSize() -> {width, height} as the page sees it · setViewportSize({width, height})
//   frame(prefix) -> a Frame (url(), evaluate, waitForFunction) whose URL starts with prefix, or null
//   problems() / warnings() -> console errors, uncaught errors, CSP violations / console warnings
//   requests() -> URLs the page requested · downloads() -> files started with <a download>
//   setInputFiles(selector, [{name, mimeType, text}])  sets an <input type=file>'s files and fires
//                                     input + change, as choosing them in the picker does
//   close()
//   raw                               the engine's own page (Chromium-only tests: CDP, routes...)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const ENGINE = process.env.CALFCOACH_ENGINE || 'chromium';
if (!ENGINES.includes(ENGINE)) throw new Error(`CALFCOACH_ENGINE=${ENGINE}: expected one of ${ENGINES.join(', ')}`);

const here = path.dirname(fileURLToPath(import.meta.url));
export const INSTRUMENT_SOURCE = readFileSync(path.join(here, 'instrument.js'), 'utf8');

// An init script as source text: a function and its argument, or a string of code.
export function scriptSource(script, arg) {
  if (typeof script === 'function') return `(${script})(${arg === undefined ? '' : JSON.stringify(arg)});`;
  if (typeof script === 'string') return script;
  if (script && typeof script.content === 'string') return script.content;
  throw new Error('an init script is a function, a string or {content}');
}

// What every driver's Page shares: waiting, the helpers built on evaluate.
export class PageBase {
  constructor(engine, device) {
    this.engine = engine;
    this.deviceName = device.name;
    this.touch = !!device.hasTouch;
    this.dpr = device.deviceScaleFactor || 1;
  }

  async waitForTimeout(ms) { await new Promise((resolve) => setTimeout(resolve, ms)); }

  async waitForFunction(fn, arg, { timeout = 30000, interval = 50 } = {}) {
    return waitOn(this, fn, arg, timeout, interval);
  }

  downloads() { return this.evaluate(() => (window.__ccHarness ? window.__ccHarness.downloads : [])); }

  // In the page (Firefox, WebKit): a DataTransfer's FileList put on the input. Chromium's driver uses
  // Playwright's own, through the browser.
  async setInputFiles(selector, files) {
    const set = ({ selector, files }) => {
      const input = document.querySelector(selector);
      if (!input) return false;
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(new File([file.text], file.name, { type: file.mimeType }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    };
    if (!(await this.evaluate(set, { selector, files }))) throw new Error(`setInputFiles: no element ${selector}`);
  }
}

// For the drivers whose engine reports console messages, errors and requests as events (Chromium,
// Firefox): the lists they fill, and a frame that is the engine's own frame object.
export class EventedPage extends PageBase {
  constructor(engine, device) {
    super(engine, device);
    this.problemList = [];
    this.warningList = [];
    this.requestList = [];
  }

  async problems() { return [...this.problemList]; }
  async warnings() { return [...this.warningList]; }
  async requests() { return [...this.requestList]; }

  frame(prefix) {
    const found = this.raw.frames().find((f) => f !== this.raw.mainFrame() && f.url().startsWith(prefix));
    return found ? new EngineFrame(found) : null;
  }
}

class EngineFrame {
  constructor(frame) { this.raw = frame; }
  url() { return this.raw.url(); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  waitForFunction(fn, arg, { timeout = 30000, interval = 50 } = {}) { return waitOn(this, fn, arg, timeout, interval); }
}

// Polls fn in a page or frame until it returns something truthy (errors while a page navigates
// count as "not yet").
export async function waitOn(target, fn, arg, timeout, interval) {
  const deadline = Date.now() + timeout;
  let lastError = null;
  let firstError = null;  // a crash's first error says more than the ones that follow it
  for (;;) {
    try {
      const value = await target.evaluate(fn, arg);
      if (value) return value;
      lastError = null;
    } catch (error) {
      lastError = error;
      firstError = firstError || error;
    }
    if (Date.now() > deadline) {
      const first = firstError && firstError !== lastError ? ` (first error: ${firstError.message})` : '';
      throw new Error(`waitForFunction timed out after ${timeout} ms: ${String(fn).slice(0, 160)}${lastError ? ` (last error: ${lastError.message})` : ''}${first}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

// Touch events dispatched in the page, for engines whose driver has no touch actions: the element
// under the point gets a touch event, as a finger would give it. WebKitGTK has TouchEvent but no
// Touch constructor ("Illegal constructor"): its touch lists are then plain objects with the fields
// a touch has, on a real TouchEvent.
export const dispatchTouchInPage = ({ type, x, y }) => {
  const hit = document.elementFromPoint(x, y) || document.body;
  const target = type === 'touchstart' || !window.__ccTouchTarget ? hit : window.__ccTouchTarget;
  if (type === 'touchstart') window.__ccTouchTarget = target;
  const fields = { identifier: 1, target, clientX: x, clientY: y, pageX: x + scrollX, pageY: y + scrollY,
                   screenX: x, screenY: y, radiusX: 4, radiusY: 4, force: 1 };
  let touch = null;
  try { touch = new Touch(fields); } catch (e) { touch = fields; }
  const active = type === 'touchend' || type === 'touchcancel' ? [] : [touch];
  let event = null;
  if (touch instanceof Touch) {
    event = new TouchEvent(type, { bubbles: true, cancelable: true, composed: true, touches: active,
                                   targetTouches: active, changedTouches: [touch] });
  } else {
    event = new TouchEvent(type, { bubbles: true, cancelable: true, composed: true });
    const list = (items) => Object.assign([...items], { item: (i) => items[i] || null });
    Object.defineProperty(event, 'touches', { value: list(active) });
    Object.defineProperty(event, 'targetTouches', { value: list(active) });
    Object.defineProperty(event, 'changedTouches', { value: list([touch]) });
  }
  target.dispatchEvent(event);
  if (type === 'touchend' || type === 'touchcancel') window.__ccTouchTarget = null;
  return true;
};

export async function launchBrowser(engine = ENGINE) {
  const module = await import(`./${engine}.mjs`);
  return module.launch();
}
