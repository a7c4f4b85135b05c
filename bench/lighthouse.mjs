// bench/lighthouse.mjs — Lighthouse's mobile audit of a served page, as scripts/bench takes it:
// npm lighthouse@12.2.3 (the newest that runs on Node 20; scripts/bench installs it into
// build/bench/lighthouse, not into the project's dependencies) with Debian's chromium, its default
// mobile preset (a mid-range phone, simulated slow 4G and a 4x slower CPU), run `runs` times; the
// median run by Performance score is the figure.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { repoRoot } from '../tests/browser/harness.mjs';

const run = promisify(execFile);
export const LIGHTHOUSE_BIN = path.join(repoRoot, 'build', 'bench', 'lighthouse', 'node_modules', '.bin', 'lighthouse');
// As the browser tests launch chromium (WebGL2 through SwiftShader), headless.
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--enable-unsafe-swiftshader', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--no-first-run'];

// The run in the middle by Performance score (the lower middle of an even count): a real run, so its
// LCP, TBT and long tasks belong together (run.mjs's median averages two samples).
const medianRun = (runs) => [...runs].sort((a, b) => a.performance - b.performance)[Math.floor((runs.length - 1) / 2)];

// One audit: the four category scores (0-100) and the figures the targets name.
async function audit(url) {
  const { stdout } = await run(LIGHTHOUSE_BIN, [url, '--output=json', '--output-path=stdout', '--quiet',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`], {
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' },
    maxBuffer: 1 << 28,
    timeout: 180000,
  });
  const report = JSON.parse(stdout);
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`);
  const score = (name) => (report.categories[name]?.score ?? NaN) * 100;
  const value = (name) => report.audits[name]?.numericValue ?? null;
  const longTasks = report.audits['long-tasks']?.details?.items ?? [];
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    best_practices: score('best-practices'),
    seo: score('seo'),
    lcp_ms: value('largest-contentful-paint'),
    fcp_ms: value('first-contentful-paint'),
    tbt_ms: value('total-blocking-time'),
    tti_ms: value('interactive'),
    long_tasks: longTasks.map((task) => ({ url: task.url, duration_ms: Math.round(task.duration) })),
    warnings: report.runWarnings || [],
  };
}

// `runs` audits of `url`; the figures of the median run by Performance score, and every run's score.
// A string (why not) when Lighthouse is not installed or a run fails: a benchmark reports, it does not
// stop.
export async function lighthouseFigures(url, runs = 3) {
  if (!existsSync(LIGHTHOUSE_BIN)) return `n/a (no ${path.relative(repoRoot, LIGHTHOUSE_BIN)}: run scripts/bench)`;
  const results = [];
  try {
    for (let i = 0; i < runs; i++) results.push(await audit(url));
  } catch (error) {
    return `n/a (${String(error.message || error).split('\n')[0].slice(0, 300)})`;
  }
  return { ...medianRun(results), runs: results.length, scores: results.map((result) => result.performance) };
}
