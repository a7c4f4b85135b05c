// scripts/pwa/onefile.mjs — builds calfcoach-offline.html: the whole app in one file that runs opened
// from disk (file://) with no network. Called by scripts/finalize-dist.mjs; Node built-ins only.
//
// From the finished dist/ (index.html, style.css, boot.js, a11y.js, app.js, app.wasm, icon.svg):
//   - <html data-calfcoach-onefile>: the app then says "this copy already works offline" instead of
//     offering itself, and web/pwa.js would never register a worker (it is not included anyway);
//   - style.css inline in one <style>; the icon as a data: URL; no manifest, no external script;
//   - app.wasm as base64 in a data block (<script type="application/octet-stream" id="cc-wasm">, never
//     executed), which boot.js decodes into Module['wasmBinary'] (read by Emscripten's output under that
//     quoted name, so closure keeps it) instead of creating <script src="app.js">;
//   - a11y.js inline with id "cc-a11y-script", so the app does not try to load it from a file;
//   - a Content-Security-Policy <meta> (no server headers apply to a file): only these inline blocks,
//     by sha256, plus WebAssembly compilation; nothing may be fetched.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const ONE_FILE_NAME = 'calfcoach-offline.html';

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Text placed inside <script> or <style> must not close it early or open an HTML comment state.
function inlineSafe(text, what) {
  const safe = text.replace(/<\/(script|style)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  if (what === 'style' && safe !== text) throw new Error('style.css contains "</style" or "<!--"');
  return safe;
}

function replaceOnce(html, pattern, replacement, what) {
  if (!pattern.test(html)) throw new Error(`index.html: ${what} not found (scripts/pwa/onefile.mjs)`);
  return html.replace(pattern, replacement);
}

export async function buildOneFile(dist) {
  const read = (name) => readFile(path.join(dist, name), 'utf8');
  let html = await read('index.html');
  const style = inlineSafe(await read('style.css'), 'style');
  const boot = inlineSafe(await read('boot.js'));
  const a11y = inlineSafe(await read('a11y.js'));
  const app = inlineSafe(await read('app.js'));
  const wasm = (await readFile(path.join(dist, 'app.wasm'))).toString('base64');
  const icon = 'data:image/svg+xml;base64,' + (await readFile(path.join(dist, 'icon.svg'))).toString('base64');

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(boot)} ${sha256(a11y)} ${sha256(app)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    'img-src data: blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  html = replaceOnce(html, /<html\b([^>]*)>/, '<html$1 data-calfcoach-onefile>', '<html>');
  html = replaceOnce(html, /<meta charset="utf-8">/, `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`, 'charset meta');
  html = replaceOnce(html, /<link rel="icon" href="icon.svg"/, `<link rel="icon" href="${icon}"`, 'icon link');
  html = replaceOnce(html, /<link rel="stylesheet" href="style.css">/, () => `<style>${style}</style>`, 'stylesheet link');
  // Everything that would be fetched: scripts, the manifest, the touch icon, the PWA comment.
  html = html.replace(/^\s*<script\b[^>]*\bsrc="[^"]*"[^>]*><\/script>\n/gm, '');
  html = html.replace(/^\s*<link rel="(manifest|apple-touch-icon|preload)"[^>]*>\n/gm, '');
  html = html.replace(/^\s*<!--[\s\S]*?-->\n/gm, '');
  html = html.replace(/<title>([^<]*)<\/title>/, '<title>$1 (offline copy)</title>');
  if (/\b(src|href)="(?!data:)[^"#]/.test(html)) throw new Error(`${ONE_FILE_NAME} would still fetch a file`);
  const scripts = [
    `<script type="application/octet-stream" id="cc-wasm">${wasm}</script>`,
    `<script>${boot}</script>`,
    `<script id="cc-a11y-script">${a11y}</script>`,
    `<script>${app}</script>`,
  ].join('\n');
  html = replaceOnce(html, /<\/body>/, () => `${scripts}\n</body>`, '</body>');
  return html;
}
