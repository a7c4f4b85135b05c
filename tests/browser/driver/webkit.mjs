// driver/webkit.mjs — the driver-neutral Page over Selenium and WebKitGTK's WebKitWebDriver, with
// MiniBrowser in a window on Xvfb. Classic WebDriver only, so:
// - one driver process and one browser session per page (the driver takes one session);
// - init scripts reach pages through the harness's inject proxy (driver/inject-proxy.mjs); a page
//   not served through it (file://) gets them right after it loads (`page.lateInit` says so);
// - console errors and warnings are collected in the page by instrument.js;
// - no touch actions: a tap is real TouchEvents dispatched in the page (the app's touch path); the
//   wheel is a dispatched WheelEvent too (the driver's own scroll barely moves the page);
// - no pixel-ratio emulation (always 1), and the window has a minimum width: viewportSize() is
//   what the page really got, and tests compare with it.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { Builder, Key } from 'selenium-webdriver';

import { setActiveInit } from './inject-proxy.mjs';
import { INSTRUMENT_SOURCE, PageBase, dispatchTouchInPage, scriptSource, waitOn } from './index.mjs';
import { pulseServer } from './pulse.mjs';
import { xDisplay } from './xvfb.mjs';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
// __ccCollect: keep console output for the driver (no console events over WebDriver).
// __ccDownloadsRecordedOnly: MiniBrowser under automation answers a real download with a modal save
// dialog that swallows every later click, so downloads are recorded and not started.
const COLLECT = 'window.__ccCollect = true; window.__ccDownloadsRecordedOnly = true;';

const freePort = () => new Promise((resolve, reject) => {
  const probe = net.createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
});

const KEYS = {
  Tab: Key.TAB, Enter: Key.ENTER, Escape: Key.ESCAPE, ' ': Key.SPACE, Space: Key.SPACE, Backspace: Key.BACK_SPACE,
  ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
  Home: Key.HOME, End: Key.END, PageUp: Key.PAGE_UP, PageDown: Key.PAGE_DOWN, Shift: Key.SHIFT, Control: Key.CONTROL,
};

// Runs fn(arg) in the current browsing context; WebDriver's execute awaits a returned promise.
const execute = (driver, fn, arg) => (typeof fn === 'function'
  ? driver.executeScript(`return (${fn}).apply(null, arguments);`, arg === undefined ? null : arg)
  : driver.executeScript(`return (${fn});`));

// One WebDriver context at a time: a frame's call switches into it and back.
class Serial {
  constructor() { this.tail = Promise.resolve(); }
  run(task) {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => {});
    return next;
  }
}

class WebKitFrame {
  constructor(page, prefix) { this.page = page; this.prefix = prefix; }
  url() { return this.prefix; }
  evaluate(fn, arg) {
    const { driver, serial } = this.page;
    return serial.run(async () => {
      const element = await this.page.frameElement(this.prefix);
      if (!element) throw new Error(`no frame at ${this.prefix}`);
      await driver.switchTo().frame(element);
      try { return await execute(driver, fn, arg); } finally { await driver.switchTo().defaultContent(); }
    });
  }
  waitForFunction(fn, arg, { timeout = 30000, interval = 50 } = {}) { return waitOn(this, fn, arg, timeout, interval); }
}

class WebKitPage extends PageBase {
  constructor(driver, child, device) {
    super('webkit', device);
    this.driver = driver;
    this.child = child;
    this.raw = driver;
    this.dpr = 1;
    this.serial = new Serial();
    this.initScripts = [COLLECT, INSTRUMENT_SOURCE];
    this.harvested = { problems: [], warnings: [] };
    this.lateInit = false;
    this.size = { ...device.viewport };
    this.pointer = { x: 0, y: 0 };
    this.mouse = {
      click: (x, y) => {
        this.pointer = { x, y };
        return this.act((a) => a.move({ origin: 'viewport', x: Math.round(x), y: Math.round(y) }).press().release(), 'click');
      },
      move: (x, y) => {
        this.pointer = { x, y };
        return this.act((a) => a.move({ origin: 'viewport', x: Math.round(x), y: Math.round(y) }), 'move');
      },
      // WebKitWebDriver's wheel action reaches the page as a tiny scroll (the app barely moves), so
      // the wheel is a WheelEvent in pixels dispatched where the pointer is, as a mouse gives it.
      // After it, a click within about a second was seen to be lost at 640 x 400 (text 100 %) and
      // nowhere else; a real wheel does not do that in the other engines, so the driver waits it out.
      wheel: async (dx, dy) => {
        await this.evaluate(({ x, y, dx, dy }) => {
          const target = document.elementFromPoint(x, y) || document.body;
          target.dispatchEvent(new WheelEvent('wheel', { deltaX: dx, deltaY: dy, deltaMode: 0, clientX: x, clientY: y,
                                                         bubbles: true, cancelable: true, composed: true }));
          return true;
        }, { ...this.pointer, dx, dy });
        await this.waitForTimeout(1000);
      },
    };
    this.touchscreen = {
      tap: async (x, y) => {
        await this.evaluate(dispatchTouchInPage, { type: 'touchstart', x, y });
        await this.waitForTimeout(30);
        await this.evaluate(dispatchTouchInPage, { type: 'touchend', x, y });
      },
    };
    this.keyboard = {
      press: (combo) => this.act((a) => {
        const parts = combo === '+' ? ['+'] : combo.split('+');
        const key = parts.pop();
        const codes = parts.map((m) => KEYS[m]);
        for (const code of codes) a = a.keyDown(code);
        a = a.keyDown(KEYS[key] ?? key).keyUp(KEYS[key] ?? key);
        for (const code of codes.reverse()) a = a.keyUp(code);
        return a;
      }),
      type: (text) => this.act((a) => a.sendKeys(text)),
    };
  }

  act(build, what = 'input') {
    return this.serial.run(async () => {
      const actions = build(this.driver.actions({ async: true }));
      await actions.perform();
    }).then(() => {}, (error) => {
      throw new Error(`WebKit ${what} at ${JSON.stringify(this.pointer)} in ${JSON.stringify(this.size)}: ${error.name} ${error.message}`);
    });
  }

  addInitScript(script, arg) { this.initScripts.push(scriptSource(script, arg)); }
  initSource() { return this.initScripts.join('\n;\n'); }

  async harvest() {
    try {
      const found = await execute(this.driver, () => (window.__ccHarness
        ? { problems: window.__ccHarness.problems, warnings: window.__ccHarness.warnings } : null));
      if (found) {
        this.harvested.problems.push(...found.problems);
        this.harvested.warnings.push(...found.warnings);
      }
    } catch { /* no page yet */ }
  }

  // After a load: init scripts for a page the proxy did not serve (file://, data:).
  async afterLoad() {
    const instrumented = await execute(this.driver, () => !!window.__ccHarness);
    if (!instrumented) {
      this.lateInit = true;
      await this.driver.executeScript(this.initSource());
    }
  }

  async goto(url) {
    await this.serial.run(async () => {
      await this.harvest();
      setActiveInit(this.initSource());
      await this.driver.get(url);
      await this.afterLoad();
    });
  }

  async reload() {
    await this.serial.run(async () => {
      await this.harvest();
      setActiveInit(this.initSource());
      await this.driver.navigate().refresh();
      await this.afterLoad();
    });
  }

  url() { return this.serial.run(() => this.driver.getCurrentUrl()); }
  evaluate(fn, arg) { return this.serial.run(() => execute(this.driver, fn, arg)); }

  async screenshot({ path } = {}) {
    const data = Buffer.from(await this.serial.run(() => this.driver.takeScreenshot()), 'base64');
    if (path) {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path, data);
    }
    return data;
  }

  viewportSize() { return { ...this.size }; }

  // Sizes the window so the page's inner size is `size` (the window adds its own frame, and cannot
  // be narrower than its toolbar: the size read back is what the page has).
  async setViewportSize(size) {
    await this.serial.run(async () => {
      let rect = { width: size.width, height: size.height };
      for (let attempt = 0; attempt < 3; attempt++) {
        await this.driver.manage().window().setRect({ x: 0, y: 0, ...rect });
        await new Promise((resolve) => setTimeout(resolve, 100));
        const inner = await execute(this.driver, () => ({ width: innerWidth, height: innerHeight }));
        this.size = inner;
        if (inner.width === size.width && inner.height === size.height) break;
        rect = { width: rect.width + size.width - inner.width, height: rect.height + size.height - inner.height };
        if (inner.width > size.width && attempt > 0) break;  // the window's minimum width
      }
    });
  }

  async touchDrag(x, y0, y1, steps = 8) {
    await this.evaluate(dispatchTouchInPage, { type: 'touchstart', x, y: y0 });
    for (let i = 1; i <= steps; i++) {
      await this.evaluate(dispatchTouchInPage, { type: 'touchmove', x, y: y0 + ((y1 - y0) * i) / steps });
      await this.waitForTimeout(16);
    }
    await this.evaluate(dispatchTouchInPage, { type: 'touchend', x, y: y1 });
  }

  async frameElement(prefix) {
    const { By } = await import('selenium-webdriver');
    for (const element of await this.driver.findElements(By.css('iframe'))) {
      const src = await element.getAttribute('src');
      if (src && src.startsWith(prefix)) return element;
    }
    return null;
  }

  async frame(prefix) {
    return (await this.serial.run(() => this.frameElement(prefix))) ? new WebKitFrame(this, prefix) : null;
  }

  // What instrument.js kept in the page and in each of its frames (one level: the embed), plus what
  // earlier documents of this page kept before a navigation.
  async collected() {
    const read = () => (window.__ccHarness
      ? { problems: window.__ccHarness.problems, warnings: window.__ccHarness.warnings } : { problems: [], warnings: [] });
    return this.serial.run(async () => {
      const out = { problems: [...this.harvested.problems], warnings: [...this.harvested.warnings] };
      const add = (found) => { out.problems.push(...found.problems); out.warnings.push(...found.warnings); };
      add(await execute(this.driver, read).catch(() => ({ problems: [], warnings: [] })));
      const { By } = await import('selenium-webdriver');
      for (const element of await this.driver.findElements(By.css('iframe')).catch(() => [])) {
        try {
          await this.driver.switchTo().frame(element);
          add(await execute(this.driver, read));
        } catch { /* a frame that went away */ } finally {
          await this.driver.switchTo().defaultContent();
        }
      }
      return out;
    });
  }

  async problems() { return (await this.collected()).problems; }
  async warnings() { return (await this.collected()).warnings; }

  // The page's own record of what it fetched (WebDriver cannot watch the network).
  async requests() {
    return this.evaluate(() => [location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)]);
  }

  async close() {
    this.onClose?.();
    try { await this.driver.quit(); } catch { /* already gone */ }
    this.child.kill('SIGTERM');
  }
}

export async function launch() {
  const display = await xDisplay();
  const pulse = await pulseServer();
  const open = new Set();  // pages a failed test left open: closed with the browser
  return {
    name: 'webkit',
    raw: null,
    async newPage(device) {
      const port = await freePort();
      const child = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display, PULSE_SERVER: pulse } });
      let driver = null;
      for (let attempt = 0; attempt < 50 && !driver; attempt++) {
        try {
          driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', '--autoplay-policy=allow'] },
          }).build();
        } catch (error) {
          if (attempt === 49 || !/ECONNREFUSED|ECONNRESET/.test(String(error))) { child.kill(); throw error; }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      const page = new WebKitPage(driver, child, device);
      open.add(page);
      page.onClose = () => open.delete(page);
      await driver.get('about:blank');
      await page.setViewportSize(device.viewport);
      return page;
    },
    close: async () => { for (const page of [...open]) await page.close(); },
  };
}
