// scripts/pwa/gen-pwa.mjs — the installable app's generated files, written into the release folder by
// scripts/finalize-dist.mjs after every web build. Node built-ins only (zlib for PNG).
//
//   node scripts/pwa/gen-pwa.mjs DIST_DIR [--web WEB_DIR] [--sw-only]
//
// writeIcons(): icons/icon-192.png, icons/icon-512.png, icons/icon-maskable-512.png,
//     icons/apple-touch-icon.png, rasterised from web/icon.svg (its <rect rx>, filled <path>s and stroked
//     <path>s) by the small scanline rasteriser below; the maskable one is full-bleed with the drawing
//     in the safe zone.
// writeManifest(): manifest.webmanifest.
// writeServiceWorker(): sw.js from scripts/pwa/sw-template.js: the list of every file of the release
//     (except sw.js and the one-file page, a download of its own) and a cache version made from their
//     final bytes, so any changed file makes a new service worker, which the page offers as "Update
//     available". Run it last, after every other file of dist/ is written.
// --sw-only regenerates sw.js alone (the offline test uses it to "deploy" a change).
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

export const THEME_COLOUR = '#166b60';
export const BACKGROUND_COLOUR = '#f2f6f4';
// Files never precached: the worker itself, and the one-file page (a separate download, ~1 MB).
export const NOT_PRECACHED = new Set(['sw.js', 'calfcoach-offline.html']);
// The precompressed copies beside the files (scripts/finalize-dist.mjs): the server's business,
// never fetched by name, so never precached.
export const PRECOMPRESSED = /\.(br|gz)$/;
// The clinic kit's own files (clinic.html, clinic.js, clinic.wasm, clinic.css): not downloaded on every
// patient's install; the worker keeps them once the kit's page asks (sw-template.js, keep-kit).
export const KIT_FILE = /^clinic\./;

//-- SVG subset: rect (rx), path with M/L/H/V/C/S/Z (absolute and relative), fill and stroke ---------
function parseColour(text) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((text || '').trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

// Flattens a path's d attribute into polylines (arrays of [x, y]), one per subpath.
function flattenPath(d) {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) || [];
  const lines = [];
  let current = null;
  let x = 0, y = 0, startX = 0, startY = 0, lastCtrl = null, cmd = null, i = 0;
  const num = () => parseFloat(tokens[i++]);
  const cubic = (x1, y1, x2, y2, ex, ey) => {
    for (let s = 1; s <= 16; s++) {
      const t = s / 16, u = 1 - t;
      current.push([u * u * u * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * ex,
                    u * u * u * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * ey]);
    }
    lastCtrl = [x2, y2]; x = ex; y = ey;
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) cmd = tokens[i++];
    const rel = cmd === cmd.toLowerCase();
    const ox = rel ? x : 0, oy = rel ? y : 0;
    switch (cmd.toUpperCase()) {
      case 'M': {
        x = ox + num(); y = oy + num(); startX = x; startY = y;
        current = [[x, y]]; lines.push(current); lastCtrl = null;
        cmd = rel ? 'l' : 'L';  // further pairs are line-tos
        break;
      }
      case 'L': x = ox + num(); y = oy + num(); current.push([x, y]); lastCtrl = null; break;
      case 'H': x = (rel ? x : 0) + num(); current.push([x, y]); lastCtrl = null; break;
      case 'V': y = (rel ? y : 0) + num(); current.push([x, y]); lastCtrl = null; break;
      case 'C': { const a = [ox + num(), oy + num(), ox + num(), oy + num(), ox + num(), oy + num()]; cubic(...a); break; }
      case 'S': {
        const c1 = lastCtrl ? [2 * x - lastCtrl[0], 2 * y - lastCtrl[1]] : [x, y];
        const a = [ox + num(), oy + num(), ox + num(), oy + num()];
        cubic(c1[0], c1[1], ...a);
        break;
      }
      case 'Z': x = startX; y = startY; current.closed = true; lastCtrl = null; break;
      default: throw new Error(`icon.svg: path command ${cmd} is not supported by gen-pwa.mjs`);
    }
  }
  return lines;
}

function roundedRect(x, y, w, h, r) {
  const pts = [];
  const corner = (cx, cy, a0) => { for (let s = 0; s <= 8; s++) { const a = a0 + (s / 8) * Math.PI / 2; pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]); } };
  corner(x + w - r, y + r, -Math.PI / 2);
  corner(x + w - r, y + h - r, 0);
  corner(x + r, y + h - r, Math.PI / 2);
  corner(x + r, y + r, Math.PI);
  return [pts];
}

function readDrawing(svg) {
  const viewBox = (attrs(svg.match(/<svg[^>]*>/)[0]).viewBox || '0 0 64 64').split(/[\s,]+/).map(Number);
  const shapes = [];
  for (const m of svg.matchAll(/<(rect|path)\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const fill = a.fill === 'none' ? null : parseColour(a.fill || '#000');
    const stroke = parseColour(a.stroke);
    const polys = m[1] === 'rect'
      ? roundedRect(+(a.x || 0), +(a.y || 0), +a.width, +a.height, Math.min(+(a.rx || 0), a.width / 2, a.height / 2))
      : flattenPath(a.d);
    if (m[1] === 'rect') shapes.push({ kind: 'background', polys, fill });
    else {
      if (fill) shapes.push({ kind: 'fill', polys, fill });
      if (stroke) shapes.push({ kind: 'stroke', polys, colour: stroke, width: +(a['stroke-width'] || 1) });
    }
  }
  return { viewBox, shapes };
}

//-- Rasteriser: 4x4 supersampled scanline fill (non-zero), strokes as round-capped capsules --------
function render(drawing, size, { maskable = false } = {}) {
  const [vx, vy, vw, vh] = drawing.viewBox;
  const px = new Float32Array(size * size * 4);  // premultiplied RGBA, 0..1
  const SS = 4;
  // Maskable: full-bleed background, the drawing shrunk into the central 80% safe zone.
  const scale = (maskable ? 0.72 : 1) * size / vw;
  const offset = maskable ? (size - vw * scale) / 2 : 0;
  const map = ([x, y]) => [(x - vx) * scale + offset, (y - vy) * scale + offset];
  const blend = (i, rgb, cover) => {
    if (cover <= 0) return;
    for (let c = 0; c < 3; c++) px[i + c] = px[i + c] * (1 - cover) + (rgb[c] / 255) * cover;
    px[i + 3] = px[i + 3] * (1 - cover) + cover;
  };
  const fillPolys = (polys, rgb) => {
    const edges = [];
    for (const poly of polys) {
      const pts = poly.map(map);
      for (let k = 0; k < pts.length; k++) {
        const a = pts[k], b = pts[(k + 1) % pts.length];
        if (a[1] !== b[1]) edges.push(a[1] < b[1] ? [a[0], a[1], b[0], b[1], 1] : [b[0], b[1], a[0], a[1], -1]);
      }
    }
    const coverage = new Float32Array(size * size);
    for (let row = 0; row < size * SS; row++) {
      const sy = (row + 0.5) / SS;
      const xs = [];
      for (const [x0, y0, x1, y1, dir] of edges) if (sy >= y0 && sy < y1) xs.push([x0 + ((sy - y0) / (y1 - y0)) * (x1 - x0), dir]);
      xs.sort((p, q) => p[0] - q[0]);
      let winding = 0;
      for (let k = 0; k < xs.length - 1; k++) {
        winding += xs[k][1];
        if (winding === 0) continue;
        const from = Math.max(0, xs[k][0]), to = Math.min(size, xs[k + 1][0]);
        for (let s = Math.ceil(from * SS - 0.5); (s + 0.5) / SS < to; s++) coverage[Math.floor(row / SS) * size + Math.floor(s / SS)] += 1 / (SS * SS);
      }
    }
    for (let p = 0; p < size * size; p++) blend(p * 4, rgb, Math.min(1, coverage[p]));
  };
  const strokePolys = (polys, rgb, width) => {
    const r = (width * scale) / 2;
    for (const poly of polys) {
      const pts = poly.map(map);
      const segs = [];
      for (let k = 0; k + 1 < pts.length; k++) segs.push([pts[k], pts[k + 1]]);
      if (poly.closed) segs.push([pts[pts.length - 1], pts[0]]);
      const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
      const x0 = Math.max(0, Math.floor(Math.min(...xs) - r - 1)), x1 = Math.min(size - 1, Math.ceil(Math.max(...xs) + r + 1));
      const y0 = Math.max(0, Math.floor(Math.min(...ys) - r - 1)), y1 = Math.min(size - 1, Math.ceil(Math.max(...ys) + r + 1));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          let inside = 0;
          for (let sy = 0; sy < SS; sy++) {
            for (let sx = 0; sx < SS; sx++) {
              const qx = x + (sx + 0.5) / SS, qy = y + (sy + 0.5) / SS;
              for (const [a, b] of segs) {
                const dx = b[0] - a[0], dy = b[1] - a[1];
                const t = Math.max(0, Math.min(1, ((qx - a[0]) * dx + (qy - a[1]) * dy) / (dx * dx + dy * dy || 1)));
                const ex = a[0] + t * dx - qx, ey = a[1] + t * dy - qy;
                if (ex * ex + ey * ey <= r * r) { inside++; break; }
              }
            }
          }
          blend((y * size + x) * 4, rgb, inside / (SS * SS));
        }
      }
    }
  };
  for (const shape of drawing.shapes) {
    if (shape.kind === 'background') {
      // Maskable and Apple icons are square and full-bleed (the platform rounds them).
      if (maskable) { for (let p = 0; p < size * size; p++) blend(p * 4, shape.fill, 1); }
      else fillPolys(shape.polys, shape.fill);
    } else if (shape.kind === 'fill') fillPolys(shape.polys, shape.fill);
    else strokePolys(shape.polys, shape.colour, shape.width);
  }
  return px;
}

//-- PNG encoder (RGBA 8-bit, un-premultiplied) -----------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
function crc32(buf) { let c = 0xffffffff; for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; }
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(px, size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4, o = y * (size * 4 + 1) + 1 + x * 4;
      const a = px[i + 3];
      for (let c = 0; c < 3; c++) raw[o + c] = a > 0 ? Math.round(Math.min(1, px[i + c] / a) * 255) : 0;
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
                        chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

//-- Files ----------------------------------------------------------------------------------------
export async function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...await listFiles(path.join(dir, entry.name), rel + '/'));
    else out.push(rel);
  }
  return out.sort();
}

export async function writeIfChanged(file, data) {
  try { if ((await readFile(file)).equals(Buffer.from(data))) return; } catch { /* new file */ }
  await writeFile(file, data);
}

export async function writeIcons(dist, webDir) {
  const drawing = readDrawing(await readFile(path.join(webDir, 'icon.svg'), 'utf8'));
  await mkdir(path.join(dist, 'icons'), { recursive: true });
  const icons = [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true],
                 ['apple-touch-icon.png', 180, true]];
  for (const [name, size, maskable] of icons) await writeIfChanged(path.join(dist, 'icons', name), encodePng(render(drawing, size, { maskable }), size));
}

export async function writeManifest(dist) {
  const manifest = {
    id: './',
    name: 'Calf Coach: guided calf self-massage',
    short_name: 'Calf Coach',
    description: 'A guided calf self-massage with a safety check first. Works offline; your history stays on your device.',
    start_url: './',
    scope: './',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOUR,
    background_color: BACKGROUND_COLOUR,
    lang: 'en',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
  await writeIfChanged(path.join(dist, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2) + '\n');
}

export async function writeServiceWorker(dist) {
  const all = (await listFiles(dist)).filter((f) => !NOT_PRECACHED.has(f) && !PRECOMPRESSED.test(f));
  const files = all.filter((f) => !KIT_FILE.test(f));
  const kitFiles = all.filter((f) => KIT_FILE.test(f));
  const hash = createHash('sha256');
  for (const f of all) hash.update(f).update('\0').update(await readFile(path.join(dist, f))).update('\0');
  const version = 'calfcoach-' + hash.digest('hex').slice(0, 16);
  const template = await readFile(path.join(here, 'sw-template.js'), 'utf8');
  const sw = template.replace("'__VERSION__'", JSON.stringify(version))
                     .replace("['__FILES__']", JSON.stringify(['./', ...files], null, 2))
                     .replace("['__KIT_FILES__']", JSON.stringify(kitFiles));
  await writeIfChanged(path.join(dist, 'sw.js'), sw);
  return { version, files };
}

// Command line (the offline test's "deploy", or by hand); finalize-dist.mjs imports the functions.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const webIndex = args.indexOf('--web');
  const positional = args.filter((a, i) => !a.startsWith('--') && (webIndex < 0 || i !== webIndex + 1));
  const dist = path.resolve(positional[0] || 'dist');
  const webDir = webIndex >= 0 ? path.resolve(args[webIndex + 1]) : path.resolve(here, '..', '..', 'web');
  if (!args.includes('--sw-only')) {
    await writeIcons(dist, webDir);
    await writeManifest(dist);
  }
  const { version, files } = await writeServiceWorker(dist);
  console.log(`sw.js: ${version}, ${files.length} files precached`);
}
