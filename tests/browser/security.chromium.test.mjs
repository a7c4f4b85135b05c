// Security of the release as built in dist/: no code from strings (eval, new Function), no inline
// script or style in any served page, and the request watcher the other tests rely on really sees a
// request to another host. (The headers are checked in foundation.test.mjs; CSP violations fail every
// browser test through harness.mjs; the whole-app walk in app.test.mjs asserts no foreign request.)
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { DESKTOP, distDir, foreignRequests, launchBrowser, newPage, startServer } from './harness.mjs';

// Pages opened from disk cannot receive headers: they carry their own CSP (hashes of their inline
// blocks) and are checked by their own tests; every other page must be free of inline code.
const OPENED_FROM_DISK = new Set(['calfcoach-offline.html']);

// Ways to turn a string into code. `Function(` alone also catches `window.Function("...")`.
const CODE_FROM_STRING = [
  { name: 'eval(', pattern: /(^|[^\w$.])eval\s*\(/ },
  { name: 'new Function(', pattern: /new\s+Function\s*\(/ },
  { name: 'Function("…")', pattern: /(^|[^\w$])Function\s*\(\s*['"`]/ },
  { name: 'setTimeout/setInterval with a string', pattern: /set(Timeout|Interval)\s*\(\s*['"`]/ },
];

const scriptsOf = (html) => [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attributes: m[1], body: m[2] }));

function codeFromString(source) {
  return CODE_FROM_STRING.filter(({ pattern }) => pattern.test(source)).map(({ name }) => name);
}

let files;
before(async () => {
  files = await readdir(distDir);
});

test('the scanner finds each way of making code from a string (so a clean result means something)', () => {
  assert.deepEqual(codeFromString('var x = eval("1+1");'), ['eval(']);
  assert.deepEqual(codeFromString('f=new Function(a, b)'), ['new Function(']);
  assert.deepEqual(codeFromString('window.Function("return 1")()'), ['Function("…")']);
  assert.deepEqual(codeFromString("setTimeout('go()', 10)"), ['setTimeout/setInterval with a string']);
  // Names that only contain the words are not code from strings.
  assert.deepEqual(codeFromString('a.evaluate(x); myeval(1); setTimeout(run, 5); typeof Function'), []);
});

test('no built script makes code from a string (eval, new Function, string timers)', async () => {
  const scripts = files.filter((name) => name.endsWith('.js'));
  assert.ok(scripts.includes('app.js') && scripts.includes('boot.js'), `scripts in dist: ${scripts}`);
  for (const name of scripts) {
    const source = await readFile(path.join(distDir, name), 'utf8');
    assert.deepEqual(codeFromString(source), [], `${name} makes code from a string`);
  }
  // Inline scripts of pages opened from disk count too.
  for (const name of files.filter((file) => OPENED_FROM_DISK.has(file))) {
    const html = await readFile(path.join(distDir, name), 'utf8');
    for (const { body } of scriptsOf(html)) assert.deepEqual(codeFromString(body), [], `${name} (inline) makes code from a string`);
  }
});

test('no served page has inline script, inline style or event-handler attributes', async () => {
  const pages = files.filter((name) => name.endsWith('.html') && !OPENED_FROM_DISK.has(name));
  assert.ok(pages.includes('index.html'), `pages in dist: ${pages}`);
  for (const name of pages) {
    const html = await readFile(path.join(distDir, name), 'utf8');
    for (const { attributes, body } of scriptsOf(html)) {
      assert.match(attributes, /\bsrc=/, `${name}: a <script> without src`);
      assert.equal(body.trim(), '', `${name}: a <script src> with inline code`);
    }
    assert.doesNotMatch(html, /<style\b/i, `${name}: a <style> element`);
    assert.doesNotMatch(html, /\sstyle\s*=/i, `${name}: a style attribute`);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${name}: an inline event handler`);
    assert.doesNotMatch(html, /javascript:/i, `${name}: a javascript: URL`);
  }
});

test('the request watcher sees a request to another host, and only that one', async () => {
  // A blank page, free of our CSP (which would block the request before it is made).
  const host = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser, DESKTOP);
    await page.goto('about:blank');
    const same = new URL('/icon.svg', host.url).href;
    const elsewhere = same.replace('127.0.0.1', 'localhost');
    for (const target of [same, elsewhere, 'data:text/plain,x']) {
      await page.evaluate((url) => fetch(url, { mode: 'no-cors' }).catch(() => {}), target);
    }
    await page.waitForTimeout(200);
    assert.deepEqual(await foreignRequests(page, host.url), [elsewhere]);
  } finally {
    await browser.close();
    host.stop();
  }
});
