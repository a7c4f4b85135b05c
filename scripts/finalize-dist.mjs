// scripts/finalize-dist.mjs — the last step of every web build (CMake target calfcoach_finalize, run
// after calfcoach_web links and on every build, so a change to a web/ file alone is finalized too).
// Node built-ins only. It works on the copies in DIST (never on web/), in this order, because each
// step hashes the final bytes of the one before:
//   1. Subresource Integrity: the sha384 of app.js, a11y.js and pwa.js into boot.js (its INTEGRITY
//      map: boot.js sets script.integrity on what it creates (app.js, then pwa.js after the first
//      frame), and passes it to the app for a11y.js), then integrity="sha384-..." on every
//      <script src> of index.html (boot.js).
//   2. icons/*.png and manifest.webmanifest (scripts/pwa/gen-pwa.mjs).
//   3. calfcoach-offline.html, the one-file page (scripts/pwa/onefile.mjs).
//   4. sw.js: its cache version is a hash of every file it precaches, as finally written.
//   5. Precompressed copies, last: NAME.br (brotli, quality 11) and NAME.gz (gzip -9) beside every
//      text and wasm file, for a server that answers Accept-Encoding with a file instead of
//      compressing on each request (scripts/serve.mjs; nginx gzip_static/brotli_static, see
//      docs/hosting.md). A copy is kept only when it is smaller; a stale one is removed.
// Stamping is idempotent (it replaces earlier stamps), and a file is rewritten only when it changed.
//
//   node scripts/finalize-dist.mjs DIST_DIR [--web WEB_DIR]
import { createHash } from 'node:crypto';
import { readFile, rm, stat, utimes } from 'node:fs/promises';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { PRECOMPRESSED, listFiles, writeIcons, writeIfChanged, writeManifest, writeServiceWorker } from './pwa/gen-pwa.mjs';
import { ONE_FILE_NAME, buildOneFile } from './pwa/onefile.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

// The scripts created at run time, by boot.js (app.js) or the app (a11y.js); pwa.js is listed too so
// every script of ours has its hash in one place.
const RUNTIME_SCRIPTS = ['app.js', 'a11y.js', 'pwa.js'];
const INTEGRITY_MAP = /var INTEGRITY = \{[^}\n]*\};/;

export async function stampIntegrity(dist) {
  const hashes = {};
  for (const name of RUNTIME_SCRIPTS) hashes[name] = sri(await readFile(path.join(dist, name)));
  const bootFile = path.join(dist, 'boot.js');
  const boot = await readFile(bootFile, 'utf8');
  if (!INTEGRITY_MAP.test(boot)) throw new Error('boot.js: no "var INTEGRITY = {...};" line to stamp');
  await writeIfChanged(bootFile, boot.replace(INTEGRITY_MAP, () => `var INTEGRITY = ${JSON.stringify(hashes)};`));

  for (const page of ['index.html', 'clinic.html']) {
    const pageFile = path.join(dist, page);
    let html = await readFile(pageFile, 'utf8');
    const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    if (!tags.length) throw new Error(`${page}: no <script> to stamp`);
    for (const tag of tags) {
      const src = /\bsrc="([^"]+)"/.exec(tag);
      if (!src) throw new Error(`${page}: inline script is not allowed by the CSP: ${tag}`);
      const hash = sri(await readFile(path.join(dist, src[1])));
      let stamped = tag.replace(/\s+integrity="[^"]*"/, '').replace(/>$/, ` integrity="${hash}">`);
      // A page naming another app (data-app="clinic": the clinic kit) carries that app's script hash
      // itself, so boot.js, on every patient's first load, does not grow with it.
      const app = /\bdata-app="([a-z]+)"/.exec(tag);
      if (app) {
        const appHash = sri(await readFile(path.join(dist, `${app[1]}.js`)));
        stamped = stamped.replace(/\s+data-integrity="[^"]*"/, '').replace(/>$/, ` data-integrity="${appHash}">`);
      }
      html = html.replace(tag, stamped);
    }
    await writeIfChanged(pageFile, html);
  }
  return hashes;
}

// What is worth compressing: text and wasm (PNG icons are compressed already).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);

export async function writePrecompressed(dist) {
  const all = await listFiles(dist);
  const sources = all.filter((f) => COMPRESSIBLE.has(path.extname(f).toLowerCase()));
  const written = [];
  for (const f of sources) {
    const bytes = await readFile(path.join(dist, f));
    const copies = {
      '.br': brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
      '.gz': gzipSync(bytes, { level: 9 }),
    };
    for (const [suffix, packed] of Object.entries(copies)) {
      const target = path.join(dist, f + suffix);
      if (packed.length < bytes.length) {
        await writeIfChanged(target, packed);
        // A copy left as it was (the same bytes) must still not look older than its file: servers
        // take an older copy for a stale one (scripts/serve.mjs) and would send the file as it is.
        const [source, copy] = await Promise.all([stat(path.join(dist, f)), stat(target)]);
        if (copy.mtimeMs < source.mtimeMs) await utimes(target, new Date(), new Date());
        written.push(f + suffix);
      } else {
        await rm(target, { force: true });
      }
    }
  }
  // A copy whose source is gone (or no longer compressed) would be served in its place: remove it.
  const kept = new Set(written);
  for (const f of all) if (PRECOMPRESSED.test(f) && !kept.has(f)) await rm(path.join(dist, f), { force: true });
  return written;
}

export async function finalize(dist, webDir) {
  await stampIntegrity(dist);
  await writeIcons(dist, webDir);
  await writeManifest(dist);
  await writeIfChanged(path.join(dist, ONE_FILE_NAME), await buildOneFile(dist));
  const sw = await writeServiceWorker(dist);
  sw.precompressed = await writePrecompressed(dist);
  return sw;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const webIndex = args.indexOf('--web');
  const positional = args.filter((a, i) => !a.startsWith('--') && (webIndex < 0 || i !== webIndex + 1));
  const dist = path.resolve(positional[0] || 'dist');
  const webDir = webIndex >= 0 ? path.resolve(args[webIndex + 1]) : path.resolve(here, '..', 'web');
  const { version, files, precompressed } = await finalize(dist, webDir);
  console.log(`finalize-dist: integrity stamped, ${ONE_FILE_NAME} written, sw.js ${version} precaches ${files.length} files, ` +
              `${precompressed.length} precompressed copies`);
}
