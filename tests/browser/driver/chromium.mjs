// driver/chromium.mjs — the driver-neutral Page over Playwright and Debian's Chromium. Device
// emulation (pixel ratio, touch, mobile) is real here; `raw` is the Playwright page for the
// Chromium-only tests (CDP, routes, offline, downloads).
import { chromium } from 'playwright-core';

import { EventedPage, INSTRUMENT_SOURCE, scriptSource } from './index.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
];

class ChromiumPage extends EventedPage {
  constructor(context, page, device) {
    super('chromium', device);
    this.browserContext = context;
    this.raw = page;
    page.on('console', (message) => {
      if (message.type() === 'error') this.problemList.push(`console error: ${message.text()}`);
      if (message.type() === 'warning') this.warningList.push(message.text());
    });
    page.on('pageerror', (error) => this.problemList.push(`page error: ${error.message}`));
    page.on('request', (request) => this.requestList.push(request.url()));
    this.mouse = {
      click: (x, y) => page.mouse.click(x, y),
      move: (x, y) => page.mouse.move(x, y),
      wheel: (dx, dy) => page.mouse.wheel(dx, dy),
    };
    this.touchscreen = { tap: (x, y) => page.touchscreen.tap(x, y) };
    this.keyboard = { press: (key) => page.keyboard.press(key), type: (text) => page.keyboard.type(text) };
  }

  addInitScript(script, arg) { return this.raw.addInitScript(scriptSource(script, arg)); }
  async goto(url) { await this.raw.goto(url); }
  async reload() { await this.raw.reload(); }
  url() { return this.raw.url(); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  screenshot(options = {}) { return this.raw.screenshot(options); }
  viewportSize() { return this.raw.viewportSize(); }
  setInputFiles(selector, files) {
    return this.raw.setInputFiles(selector, files.map((f) => ({ name: f.name, mimeType: f.mimeType, buffer: Buffer.from(f.text) })));
  }
  setViewportSize(size) { return this.raw.setViewportSize(size); }

  // A finger drag through CDP's touch events (Playwright's touchscreen only taps).
  async touchDrag(x, y0, y1, steps = 8) {
    const cdp = await this.browserContext.newCDPSession(this.raw);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
    for (let i = 1; i <= steps; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 + ((y1 - y0) * i) / steps }] });
      await this.waitForTimeout(16);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }

  async close() { await this.browserContext.close(); }
}

export async function launch() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    name: 'chromium',
    raw: browser,
    async newPage(device) {
      const { name, ...options } = device;
      const context = await browser.newContext(options);
      const page = await context.newPage();
      await page.addInitScript(INSTRUMENT_SOURCE);
      // Chromium-only files may use Playwright's page API directly (routes, downloads, selectors):
      // what the neutral Page lacks falls through to the Playwright page.
      return new Proxy(new ChromiumPage(context, page, device), {
        get(target, name, receiver) {
          if (name in target) return Reflect.get(target, name, receiver);
          const value = page[name];
          return typeof value === 'function' ? value.bind(page) : value;
        },
      });
    },
    close: () => browser.close(),
  };
}
