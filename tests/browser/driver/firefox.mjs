// driver/firefox.mjs — the driver-neutral Page over Puppeteer and Debian's Firefox ESR, through
// WebDriver BiDi (no CDP). Firefox runs with a window on Xvfb: headless, it refuses WebGL2 here.
// Pixel ratio and viewport come from BiDi's setViewport; touches are BiDi touch pointer actions.
// Sound goes to a null sink (driver/pulse.mjs): without an output, Firefox's AudioContext never runs.
import puppeteer from 'puppeteer-core';

import { EventedPage, INSTRUMENT_SOURCE, scriptSource } from './index.mjs';
import { pulseServer } from './pulse.mjs';
import { xDisplay } from './xvfb.mjs';

// Playwright's key names with modifiers ("Shift+Tab") as Puppeteer presses them.
async function pressKeys(keyboard, combo) {
  const parts = combo === '+' ? ['+'] : combo.split('+');
  const key = parts.pop();
  for (const modifier of parts) await keyboard.down(modifier);
  await keyboard.press(key === 'Space' ? ' ' : key);
  for (const modifier of parts.reverse()) await keyboard.up(modifier);
}

class FirefoxPage extends EventedPage {
  constructor(context, page, device) {
    super('firefox', device);
    this.context = context;
    this.raw = page;
    this.size = { ...device.viewport };
    page.on('console', (message) => {
      if (message.type() === 'error') this.problemList.push(`console error: ${message.text()}`);
      if (message.type() === 'warn' || message.type() === 'warning') this.warningList.push(message.text());
    });
    page.on('pageerror', (error) => this.problemList.push(`page error: ${error.message}`));
    page.on('request', (request) => this.requestList.push(request.url()));
    this.mouse = {
      click: (x, y) => page.mouse.click(x, y),
      move: (x, y) => page.mouse.move(x, y),
      wheel: (dx, dy) => page.mouse.wheel({ deltaX: dx, deltaY: dy }),
    };
    this.touchscreen = { tap: (x, y) => page.touchscreen.tap(x, y) };
    this.keyboard = { press: (key) => pressKeys(page.keyboard, key), type: (text) => page.keyboard.type(text) };
  }

  addInitScript(script, arg) { return this.raw.evaluateOnNewDocument(scriptSource(script, arg)); }
  async goto(url) { await this.raw.goto(url, { waitUntil: 'load' }); }
  async reload() { await this.raw.reload({ waitUntil: 'load' }); }
  url() { return this.raw.url(); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  screenshot(options = {}) { return this.raw.screenshot(options); }
  viewportSize() { return { ...this.size }; }
  async setViewportSize(size) {
    this.size = { ...size };
    await this.raw.setViewport({ ...size, deviceScaleFactor: this.dpr, hasTouch: this.touch });
  }

  async touchDrag(x, y0, y1, steps = 8) {
    const touch = await this.raw.touchscreen.touchStart(x, y0);
    for (let i = 1; i <= steps; i++) {
      await touch.move(x, y0 + ((y1 - y0) * i) / steps);
      await this.waitForTimeout(16);
    }
    await touch.end();
  }

  async close() { await this.context.close(); }
}

export async function launch() {
  const display = await xDisplay();
  const pulse = await pulseServer();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: false,
    env: { ...process.env, DISPLAY: display, PULSE_SERVER: pulse },
    // Tests play sounds and speak without a person's tap first, as the other engines' flags allow.
    extraPrefsFirefox: { 'media.autoplay.default': 0, 'media.autoplay.blocking_policy': 0, 'dom.vibrator.enabled': true },
  });
  return {
    name: 'firefox',
    raw: browser,
    async newPage(device) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ ...device.viewport, deviceScaleFactor: device.deviceScaleFactor || 1, hasTouch: !!device.hasTouch });
      await page.evaluateOnNewDocument(INSTRUMENT_SOURCE);
      return new FirefoxPage(context, page, device);
    },
    close: () => browser.close(),
  };
}
