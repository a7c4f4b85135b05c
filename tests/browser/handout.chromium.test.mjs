// The printed handout on paper, in Chromium (the one engine here that prints to PDF): the page the
// app put in its print frame, printed by Chromium to A4 and to US Letter, rendered to PNG by
// pdftoppm (poppler-utils), and its QR code read by zbarimg (zbar-tools) gives back the exact
// programme link. The renders are kept in build/screenshots/ to look at. Also: the real print()
// (no test switch) is asked for without an error and without stopping the page.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile, copyFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { DESKTOP, newPage, openApp, prescriptionCode, screenshotDir, state, tap, useServerAndBrowser } from './harness.mjs';

const run = promisify(execFile);

let server;
let browser;
useServerAndBrowser((up) => ({ server, browser } = up));

// The frame's page as a standalone document: its markup with the stylesheet the app applied.
async function frameDocument(page) {
  await page.waitForFunction(() => window.calfcoach.printLog().length > 0, null, { timeout: 10000 });
  return page.evaluate(() => {
    const doc = document.getElementById('cc-print-frame').contentDocument;
    const css = [...doc.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
    const copy = doc.documentElement.cloneNode(true);
    const style = doc.createElement('style');
    style.textContent = css;
    copy.querySelector('head').appendChild(style);
    return `<!DOCTYPE html>${copy.outerHTML}`;
  });
}

test('the handout printed to A4 and Letter: 2 to 3 pages, and its QR code scans back to the exact link', async () => {
  const code = await prescriptionCode();
  const page = await newPage(browser, DESKTOP);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'calfcoach-handout-'));
  try {
    await openApp(page, new URL(`?test=1#rx=${code}`, server.url).href);
    await tap(page, 'programme.keep');
    await tap(page, 'home.settings');
    // The real print, as a person's tap asks for it: Chromium headless answers at once.
    await tap(page, 'settings.programme.print');
    const html = await frameDocument(page);
    const last = (await page.evaluate(() => window.calfcoach.printLog())).at(-1);
    assert.equal(last.how, 'print');
    assert.equal(last.error, null);
    assert.equal((await state(page)).screen, 'settings', 'the app carries on after print()');
    const link = `${new URL(server.url).origin}/#rx=${code}`;

    const paper = await browser.raw.newPage();
    await paper.setContent(html);
    await mkdir(screenshotDir, { recursive: true });
    for (const format of ['A4', 'Letter']) {
      const pdf = path.join(dir, `handout-${format}.pdf`);
      await paper.pdf({ path: pdf, format });
      const info = (await run('pdfinfo', [pdf])).stdout;
      const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
      assert.ok(pages >= 2 && pages <= 3, `${format}: ${pages} pages`);
      assert.match(info, format === 'A4' ? /\(A4\)/ : /\(letter\)/);
      const prefix = path.join(dir, `handout-${format}`);
      await run('pdftoppm', ['-r', '200', '-png', pdf, prefix]);
      const pngs = (await readdir(dir)).filter((f) => f.startsWith(`handout-${format}`) && f.endsWith('.png')).sort();
      assert.equal(pngs.length, pages);
      // The QR code is on the first page; zbarimg prints "QR-Code:<text>" for each code it finds.
      const scanned = (await run('zbarimg', ['--quiet', path.join(dir, pngs[0])])).stdout.trim();
      assert.equal(scanned, `QR-Code:${link}`);
      for (const png of pngs) await copyFile(path.join(dir, png), path.join(screenshotDir, `chromium-${png}`));
      // Every page's text is really in the PDF (no page printed blank).
      const text = (await run('pdftotext', [pdf, '-'])).stdout;
      for (const words of ['Riverside Physio', 'Stop and get help', 'The steps', 'Your first 4 weeks'])
        assert.ok(text.includes(words), `${format}: "${words}" in the PDF`);
    }
    await paper.close();
    assert.deepEqual(await page.problems(), []);
  } finally {
    await page.close();
    await rm(dir, { recursive: true, force: true });
  }
});
