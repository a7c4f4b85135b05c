// bench/wasm-functions.mjs — where the patients' wasm's bytes go: relinks dist/app.wasm from the
// objects of the last release build (build/web) exactly as it was linked, plus --profiling-funcs
// (function names kept, code unchanged), and reads the result's code section: the biggest functions,
// and the code per part of the program. scripts/bench runs it; docs/performance.md quotes it.
//
//   node bench/wasm-functions.mjs [--top N] [--json]
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { repoRoot } from '../tests/browser/harness.mjs';

const BUILD_DIR = path.join(repoRoot, 'build', 'web');
const LINK_FILE = path.join(BUILD_DIR, 'CMakeFiles', 'calfcoach_web.dir', 'link.txt');
const OUT_DIR = path.join(repoRoot, 'build', 'bench', 'profiling');

function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, at];
}

// The size of every function body (with its length prefix) and the names of the "name" section.
export function wasmFunctions(bytes) {
  let at = 8, imported = 0;
  const sizes = [], names = new Map(), sections = {};
  while (at < bytes.length) {
    const id = bytes[at++];
    let size; [size, at] = leb(bytes, at);
    const end = at + size;
    sections[id] = (sections[id] || 0) + size;
    if (id === 2) {  // imports: functions among them take the first indices
      let p = at, count; [count, p] = leb(bytes, p);
      for (let i = 0; i < count; i++) {
        let len; [len, p] = leb(bytes, p); p += len; [len, p] = leb(bytes, p); p += len;
        const kind = bytes[p++];
        if (kind === 0) { [, p] = leb(bytes, p); imported++; }
        else if (kind === 1) { p++; let flags; [flags, p] = leb(bytes, p); [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 2) { let flags; [flags, p] = leb(bytes, p); [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 3) p += 2;
      }
    } else if (id === 10) {
      let p = at, count; [count, p] = leb(bytes, p);
      for (let i = 0; i < count; i++) { const start = p; let len; [len, p] = leb(bytes, p); p += len; sizes.push(p - start); }
    } else if (id === 0) {
      let p = at, len; [len, p] = leb(bytes, p);
      const name = new TextDecoder().decode(bytes.subarray(p, p + len)); p += len;
      while (name === 'name' && p < end) {
        const kind = bytes[p++]; let subSize; [subSize, p] = leb(bytes, p); const subEnd = p + subSize;
        if (kind === 1) {
          let q = p, count; [count, q] = leb(bytes, q);
          for (let i = 0; i < count; i++) {
            let index, nameLen; [index, q] = leb(bytes, q); [nameLen, q] = leb(bytes, q);
            names.set(index, new TextDecoder().decode(bytes.subarray(q, q + nameLen))); q += nameLen;
          }
        }
        p = subEnd;
      }
    }
    at = end;
  }
  const functions = sizes.map((size, i) => ({ size, name: names.get(imported + i) || `function ${imported + i}` }));
  return { functions, code_bytes: sizes.reduce((a, b) => a + b, 0), data_bytes: sections[11] || 0 };
}

// Which part of the program a function belongs to, by its (demangled) name.
export function partOf(name) {
  if (/nlohmann/.test(name)) return 'nlohmann::json';
  if (/calfcoach::ui::|calfcoach::kit::/.test(name)) return 'calfcoach ui (screens, widgets, diagram)';
  if (/calfcoach::platform::|^\(anonymous namespace\)|^main$/.test(name)) return 'calfcoach platform (shell, services)';
  if (/calfcoach::/.test(name)) return 'calfcoach core';
  if (/stbtt|stbrp|stb_/.test(name)) return 'stb_truetype / stb_rect_pack';
  if (/^Im|ImGui|^ImFont|^ImDraw/.test(name)) return 'Dear ImGui';
  if (/std::__2::/.test(name)) return 'libc++';
  return 'libc and the rest';
}

function relink() {
  if (!existsSync(LINK_FILE)) throw new Error(`no ${path.relative(repoRoot, LINK_FILE)}: build the preset web first`);
  const command = readFileSync(LINK_FILE, 'utf8').trim();
  mkdirSync(OUT_DIR, { recursive: true });
  const out = path.join(OUT_DIR, 'app.js');
  // The same link, names kept; closure only renames JS, which this does not look at.
  const profiled = command.replace(/ --closure=1/g, '').replace(/ -o \S+/, ` --profiling-funcs -o ${out}`);
  if (profiled === command) throw new Error('the link command has no -o: cannot relink');
  execSync(profiled, { cwd: BUILD_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
  return path.join(OUT_DIR, 'app.wasm');
}

export function wasmFunctionReport(top = 10) {
  const { functions, code_bytes, data_bytes } = wasmFunctions(readFileSync(relink()));
  functions.sort((a, b) => b.size - a.size);
  const parts = new Map();
  for (const fn of functions) parts.set(partOf(fn.name), (parts.get(partOf(fn.name)) || 0) + fn.size);
  return {
    code_bytes, data_bytes, functions: functions.length,
    top: functions.slice(0, top).map((fn) => ({ size: fn.size, name: fn.name.replace(/std::__2::/g, 'std::').slice(0, 160) })),
    parts: [...parts].sort((a, b) => b[1] - a[1]).map(([part, size]) => ({ part, size })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { top: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } } });
  const report = wasmFunctionReport(Number.parseInt(values.top, 10) || 10);
  if (values.json) { process.stdout.write(JSON.stringify(report, null, 2) + '\n'); process.exit(0); }
  process.stdout.write(`app.wasm: ${report.code_bytes} bytes of code in ${report.functions} functions, ${report.data_bytes} bytes of data\n\n`);
  process.stdout.write('biggest functions (bytes)\n');
  for (const fn of report.top) process.stdout.write(`${String(fn.size).padStart(7)}  ${fn.name}\n`);
  process.stdout.write('\ncode by part (bytes)\n');
  for (const part of report.parts) process.stdout.write(`${String(part.size).padStart(7)}  ${part.part}\n`);
}
