// The clinic kit (dist/clinic.html, issue 14), in every engine, driven as a physio would: clicks into
// the fields and types on the keyboard (the accessibility layer's HTML inputs carry the typing into
// ImGui), sees the live preview (the real patient app in an iframe) change, finds the draft after a
// reload, copies the code for the website, and that code, put into a page on a second origin, shows
// the clinic's name and colour in the embedded app.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { DESKTOP, downloadNamed, firstDownload, launchBrowser, repoRoot, newPage, saveScreenshot, settle, startServer, state,
  touchDrag } from './harness.mjs';
import { focusById } from './a11y-layer.mjs';

let browser;
let kitServer;
let hostServer;
let tmp;

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'calfcoach-kit-'));
  await mkdir(path.join(tmp, 'host'));
  // The app allows any loopback page to frame it; the clinic's page (a second origin) allows the app.
  kitServer = await startServer({ frameAncestors: "'self' http://localhost:*" });
  const appOrigin = new URL(kitServer.url).origin;
  hostServer = await startServer({ root: path.join(tmp, 'host'), host: 'localhost',
                                   cspExtra: `script-src ${appOrigin}; frame-src ${appOrigin} blob:` });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  kitServer?.stop();
  hostServer?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const kitUrl = () => new URL('clinic.html', kitServer.url).href;

async function openKit(page) {
  await page.goto(kitUrl());
  await page.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0 &&
                                   !!document.querySelector('#cc-a11y input.cc-text'), null, { timeout: 20000 });
  await settle(page);
}

async function item(page, id) {
  const s = await state(page);
  const found = s.items.find((i) => i.id === id);
  assert.ok(found, `no "${id}" on ${s.screen}: ${s.items.map((i) => i.id).join(', ')}`);
  return found;
}

// A click in the middle of the field, then the keys, as a person types; `replace`: what was there is
// selected first (as a person selects it all) and the typing replaces it.
async function typeInto(page, id, text, { replace = false } = {}) {
  const field = await scrollIntoView(page, id);
  await page.mouse.click(field.x + field.w / 2, field.y + field.h / 2);
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.dataset.id);
  assert.equal(focused, id, 'the click put the caret in the field');
  if (replace) await page.evaluate(() => document.activeElement.select());
  await page.keyboard.type(text);
  await page.waitForFunction(([i, t]) => {
    const found = window.calfcoach.state().items.find((x) => x.id === i);
    return found && found.text === t;
  }, [id, text], { timeout: 5000 });
  await settle(page);  // what depends on the value (its problem, the colour used) is drawn in the next frame
}

async function click(page, id) {
  const target = await scrollIntoView(page, id);
  const { frame } = await state(page);
  await page.mouse.click(target.x + target.w / 2, target.y + target.h / 2);
  await page.waitForFunction((f) => window.calfcoach.state().frame >= f + 3, frame, { timeout: 10000 });
  await settle(page);
}

// The patient app inside the preview, once it has loaded what the kit last asked for.
async function previewState(page, wanted) {
  for (let i = 0; i < 200; i++) {
    const s = await page.evaluate(() => {
      const frame = document.getElementById('cc-preview');
      const app = frame && frame.contentWindow && frame.contentWindow.calfcoach;
      // The document that answers must be the one the kit asked for (a navigation may be under way).
      // (The app takes a programme's #rx= out of its address once read: compared without it.)
      const current = frame && String(frame.contentWindow.location.href).split('#')[0];
      if (!app || !app.state || !current.endsWith(frame.getAttribute('src').split('#')[0])) return null;
      return { src: frame.getAttribute('src'), app: app.state() };
    });
    if (s && s.app.frame > 0 && !s.app.content_pending && wanted(s)) return s;
    await page.waitForTimeout(100);
  }
  const last = await page.evaluate(() => {
    const frame = document.getElementById('cc-preview');
    const app = frame && frame.contentWindow && frame.contentWindow.calfcoach;
    return app && app.state ? { screen: app.state().screen, page: app.state().page, items: app.state().items.map((i) => i.id) } : null;
  });
  throw new Error(`the preview never showed what was expected: ${JSON.stringify(last)}`);
}

// Scrolls the form (the wheel over the form: over the preview it would scroll the patient app) until
// the item is in view.
async function scrollIntoView(page, id) {
  for (let attempt = 0; attempt < 30; attempt++) {
    // The canvas's bottom, not the window's: with "Update available" shown the canvas gives the strip
    // room, and a person sees (and clicks) the form above it.
    const height = await page.evaluate(() => Math.floor(document.getElementById('canvas').getBoundingClientRect().bottom));
    const found = await item(page, id);
    if (found.y >= 0 && found.y + found.h <= height) return found;
    const distance = found.y + found.h > height ? Math.min(found.y + found.h - height + 60, height * 0.6)
                                                : -Math.min(60 - found.y, height * 0.6);
    // In the form's left margin: never over the preview (that would scroll the patient app).
    await page.mouse.move(8, height / 2);
    await page.mouse.wheel(0, distance);
    await settle(page);
  }
  return item(page, id);
}

const says = (s, pattern) => s.texts.some((t) => pattern.test(t.text));

test('the kit takes typing into its fields, and the preview shows the clinic as patients will see it', async () => {
  const page = await newPage(browser, DESKTOP);
  await openKit(page);
  const first = await state(page);
  assert.equal(first.app, 'clinic');
  assert.equal(first.screen, 'kit.clinic');

  await typeInto(page, 'kit.name', 'Riverside Physiotherapy');
  await typeInto(page, 'kit.phone', '+44 20 7946 0000');
  await typeInto(page, 'kit.colour', '#9fe');  // too light for white text: the app darkens it
  const typed = await state(page);
  assert.equal(typed.items.find((i) => i.id === 'kit.colour').error, '');
  assert.notEqual(typed.colour_used, '#99ffee');
  assert.ok(says(typed, new RegExp(`Colour used: ${typed.colour_used}, a darker shade of yours`)), 'the colour really used is said');

  // The preview reloads once typing pauses, then waits for the kit's content: until it shows the clinic.
  const preview = await previewState(page, (s) => /clinic=Riverside/.test(s.src) && /accent=/.test(s.src) &&
                                                  s.app.texts.some((t) => /Offered by Riverside Physiotherapy/.test(t.text)));
  const hex = '#' + preview.app.accent.map((c) => c.toString(16).padStart(2, '0')).join('');
  assert.equal(hex, typed.colour_used, 'the preview uses the colour the kit says it will');
  await saveScreenshot(page, 'clinic-kit');

  // The screens a physio checks, each as a patient reaches it: the session paused on its first step,
  // then the end of a session; the clinic's name stays on them.
  await click(page, 'kit.screen.3');
  const player = await previewState(page, (s) => s.app.screen === 'player');
  assert.equal(player.app.session.phase, 'step');
  assert.equal(player.app.session.paused, true);
  assert.equal(player.app.preview, true);
  await click(page, 'kit.screen.4');
  const done = await previewState(page, (s) => s.app.screen === 'done');
  assert.ok(says(done.app, /This is a preview: nothing is saved/));
  assert.equal(done.app.history_count, 0);
  await click(page, 'kit.screen.0');
  await previewState(page, (s) => s.app.screen === 'home');

  // A typo is shown beside its field, in words, and kept out of the preview.
  await typeInto(page, 'kit.phone', 'call us', { replace: true });
  const wrong = await state(page);
  assert.match(wrong.items.find((i) => i.id === 'kit.phone').error, /digits/);
  assert.equal(await page.evaluate(() => document.querySelector('[data-id="kit.phone"]').getAttribute('aria-invalid')), 'true');

  // The draft is kept: a reload opens the form where it was.
  await page.goto(kitUrl());
  await page.waitForFunction(() => window.calfcoach && window.calfcoach.state().frame > 0, null, { timeout: 20000 });
  await settle(page);
  assert.equal((await item(page, 'kit.name')).text, 'Riverside Physiotherapy');
  assert.equal(await page.evaluate(() => document.querySelector('[data-id="kit.name"]').value), 'Riverside Physiotherapy');
  assert.deepEqual((await page.problems()).filter((p) => !/GL Driver/.test(p)), []);
  await page.close();
});

test('the wheel over a text field scrolls the form, as it does over the rest of the page', async () => {
  const page = await newPage(browser, DESKTOP);
  await openKit(page);
  const field = await item(page, 'kit.name');
  const over = await page.evaluate(([x, y]) => document.elementFromPoint(x, y).dataset.id, [field.x + 20, field.y + field.h / 2]);
  assert.equal(over, 'kit.name', 'the pointer is over the HTML input of the field');
  await page.mouse.move(field.x + 20, field.y + field.h / 2);
  await page.mouse.wheel(0, 200);
  await page.waitForFunction((y) => window.calfcoach.state().items.find((i) => i.id === 'kit.name').y < y - 50,
                             field.y, { timeout: 5000 });
  await page.close();
});

test('keyboard only: Tab reaches the fields, typing fills them, Enter opens a tab and presses a button', async () => {
  const page = await newPage(browser, DESKTOP);
  await openKit(page);
  await focusById(page, 'kit.name');
  await page.keyboard.type('Keyboard Clinic');
  await focusById(page, 'kit.phone');
  await page.keyboard.type('0123 456 789');
  await page.waitForFunction(() => window.calfcoach.state().items.find((i) => i.id === 'kit.phone').text === '0123 456 789',
                             null, { timeout: 5000 });
  assert.equal((await item(page, 'kit.name')).text, 'Keyboard Clinic');
  // Back up to the tabs, open "Your routine" and add a step, all from the keyboard.
  await focusById(page, 'kit.tab.1', true);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.calfcoach.state().screen === 'kit.routine', null, { timeout: 5000 });
  const steps = (await state(page)).items.filter((i) => /^kit\.step\.\d+\.title$/.test(i.id)).length;
  await focusById(page, 'kit.add_step.0');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.calfcoach.state().items.filter((i) => /^kit\.step\.\d+\.title$/.test(i.id)).length === n + 1,
                             steps, { timeout: 5000 });
  await page.close();
});

// A tablet held sideways (an iPad's 1024 x 768): the whole kit fits, and a finger is the pointer.
const TABLET = { name: 'tablet', viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

test('on a tablet, a finger drag that starts on a text field scrolls the form and leaves the field alone', async () => {
  const page = await newPage(browser, TABLET);
  await openKit(page);
  const field = await item(page, 'kit.phone');
  const x = field.x + 40, y = field.y + field.h / 2;
  assert.equal(await page.evaluate(([px, py]) => document.elementFromPoint(px, py).dataset.id, [x, y]), 'kit.phone',
               'the finger goes down on the HTML input of the field');
  await touchDrag(page, x, y, y - 300);
  const moved = await item(page, 'kit.phone');
  assert.ok(moved.y < field.y - 200, `the form followed the finger: ${field.y} -> ${moved.y}`);
  assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.dataset.id), 'kit.phone',
                  'a scroll is not a tap: the field did not take the focus');
  await page.close();
});

test('the code the kit gives, pasted into a page on another site, shows the clinic in the app', async () => {
  const page = await newPage(browser, DESKTOP);
  await openKit(page);
  await typeInto(page, 'kit.name', 'Harbour Sports Clinic');
  await typeInto(page, 'kit.colour', '#8a2be2');
  // The routine: a step's time changed and a step added; the preview runs on the new routine.
  await click(page, 'kit.tab.1');
  assert.equal((await state(page)).screen, 'kit.routine');
  await typeInto(page, 'kit.step.1.duration.standard', '45', { replace: true });
  assert.equal((await item(page, 'kit.step.1.duration.standard')).error, '');
  await click(page, 'kit.add_step.1');
  const routine = await state(page);
  const added = routine.items.filter((i) => /^kit\.step\.\d+\.title$/.test(i.id)).pop();
  assert.equal(added.text, routine.items.find((i) => i.id === 'kit.step.1.title').text, 'a copy of the step at the end');
  const preview = await previewState(page, (s) => s.app.clinic_content === true);
  assert.equal(preview.app.clinic_content_errors, 0);
  await saveScreenshot(page, 'clinic-kit-routine');
  await click(page, 'kit.tab.2');
  assert.equal((await state(page)).screen, 'kit.website');
  // What a person copies is what the page's own field holds.
  const code = await page.evaluate(() => document.querySelector('[data-id="kit.snippet"]').value);
  assert.match(code, /data-clinic="Harbour Sports Clinic"/);
  assert.match(code, /embed\.js" async><\/script>/);
  assert.match(code, /<script type="application\/json" data-calfcoach-content>/, 'the routine travels in the code');
  assert.match(code, /"standard":45/);
  assert.equal(await page.evaluate(() => document.querySelector('[data-id="kit.snippet"]').readOnly), true);
  await click(page, 'kit.copy_snippet');
  await page.waitForFunction(() => window.calfcoach.state().copy !== null, null, { timeout: 5000 });
  const copied = await state(page);
  assert.equal(copied.copy.id, 'kit.copy_snippet');
  assert.ok(says(copied, copied.copy.ok ? /Copied\. Paste it into your website/ : /did not let the page copy/));
  await saveScreenshot(page, 'clinic-kit-website');
  // The content file, saved, is valid for the command-line tool (the same loader).
  await click(page, 'kit.save_content');
  const saved = await firstDownload(page);
  assert.equal(saved.name, 'clinic-content.json');
  const savedFile = path.join(tmp, 'clinic-content.json');
  await writeFile(savedFile, saved.text);
  const tool = spawnSync(path.join(repoRoot, 'build', 'native', 'calfcoach'), ['validate', savedFile], { encoding: 'utf8' });
  assert.equal(tool.status, 0, tool.stdout + tool.stderr);
  assert.match(tool.stdout, /clinic-content\.json: valid/);
  await page.close();

  // The clinic's page, on another origin, with the code pasted in.
  await writeFile(path.join(tmp, 'host', 'calf.html'),
    `<!doctype html><html lang="en"><title>Harbour</title><link rel="icon" href="data:,"><h1>Harbour Sports Clinic</h1>${code}</html>`);
  const host = await newPage(browser, DESKTOP);
  await host.goto(new URL('calf.html', hostServer.url).href);
  const appOrigin = new URL(kitServer.url).origin;
  let frame = null;
  for (let i = 0; i < 200 && !frame; i++) {
    frame = await host.frame(appOrigin);
    if (frame) {
      const ready = await frame.evaluate(() => !!(window.calfcoach && window.calfcoach.state().frame > 0)).catch(() => false);
      if (!ready) frame = null;
    }
    if (!frame) await host.waitForTimeout(100);
  }
  assert.ok(frame, 'the embedded app started');
  await frame.waitForFunction(() => window.calfcoach.state().clinic_content === true, null, { timeout: 15000 });
  await new Promise((r) => setTimeout(r, 500));  // the frame after the content arrived is drawn
  const embedded = await frame.evaluate(() => window.calfcoach.state());
  assert.equal(embedded.embed, true);
  assert.ok(says(embedded, /Offered by Harbour Sports Clinic/));
  assert.deepEqual(embedded.accent, [0x8a, 0x2b, 0xe2]);
  assert.equal(embedded.clinic_content_errors, 0);
  await host.close();
});

test('prescribe: the QR code the kit saves, scanned by a phone, opens the programme in the patient app', async () => {
  const page = await newPage(browser, DESKTOP);
  await openKit(page);
  await typeInto(page, 'kit.name', 'Riverside Physiotherapy');
  await click(page, 'kit.tab.4');
  assert.equal((await state(page)).screen, 'kit.prescribe');
  await click(page, 'kit.rx.legs.1');  // left leg only
  await typeInto(page, 'kit.rx.start', '2026-12-01');
  await typeInto(page, 'kit.rx.review', '2027-01-12');
  await typeInto(page, 'kit.rx.note', 'Gentle on the left calf for the first week.');
  const made = await state(page);
  assert.match(made.prescription.link, /^http:\/\/127\.0\.0\.1:\d+\/#rx=[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => document.querySelector('[data-id="kit.rx.link"]').value), made.prescription.link,
               'the field a person copies from holds the link');
  // The preview shows the programme as the patient's link opens it.
  await previewState(page, (s) => s.src.endsWith(made.prescription.link.slice(made.prescription.link.indexOf('#'))) &&
                                  s.app.screen === 'programme' && says(s.app, /Gentle on the left calf/));
  await saveScreenshot(page, 'clinic-kit-prescribe');

  // The QR code as a PNG file, read by a real decoder.
  await click(page, 'kit.rx.save_png');
  const png = await downloadNamed(page, 'calf-coach-qr-code.png');
  assert.equal(png.type, 'image/png');
  const pngFile = path.join(tmp, 'calf-coach-qr-code.png');
  await writeFile(pngFile, Buffer.from(png.base64, 'base64'));
  const scanned = spawnSync('zbarimg', ['--raw', '-q', pngFile], { encoding: 'utf8' });
  assert.equal(scanned.status, 0, `zbarimg found no code: ${scanned.stderr}`);
  assert.equal(scanned.stdout.trim(), made.prescription.link);
  // And as SVG, and the reminders for the patient's calendar.
  await click(page, 'kit.rx.save_svg');
  assert.match((await downloadNamed(page, 'calf-coach-qr-code.svg')).text, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
  await click(page, 'kit.rx.save_ics');
  const ics = await downloadNamed(page, 'calf-coach-reminders.ics');
  assert.match(ics.text, /RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE,FR;UNTIL=20270112T235959\r\n/);
  assert.deepEqual((await page.problems()).filter((p) => !/GL Driver/.test(p)), []);
  await page.close();

  // What the patient's phone opens from the code.
  const patient = await newPage(browser, DESKTOP);
  await patient.goto(scanned.stdout.trim());
  await patient.waitForFunction(() => window.calfcoach && window.calfcoach.state().screen === 'programme', null, { timeout: 20000 });
  const offer = await state(patient);
  assert.equal(offer.programme_offer.ok, true);
  assert.ok(says(offer, /Your programme from Riverside Physiotherapy/), 'the clinic the kit set');
  assert.ok(says(offer, /Left leg only/));
  assert.ok(says(offer, /Gentle on the left calf for the first week\./));
  await saveScreenshot(patient, 'clinic-kit-prescribed-offer');
  await patient.close();
});

test('a broken content file opened in the kit lists its problems and the draft is intact; a good one opens', async () => {
  const page = await newPage(browser, DESKTOP);
  await openKit(page);
  await click(page, 'kit.tab.1');
  await typeInto(page, 'kit.routine.title', 'Our own routine', { replace: true });
  const routines = JSON.parse(await readFile(path.join(repoRoot, 'content', 'routines.json'), 'utf8'));
  const broken = structuredClone(routines);
  broken.routines[0].steps[1].duration.standard = -5;
  const open = async (name, content) => {
    await click(page, 'kit.import');
    await page.setInputFiles('#cc-backup-input', [{ name, mimeType: 'application/json', text: JSON.stringify(content) }]);
  };
  await open('broken.json', { 'routines.json': broken });
  await page.waitForFunction(() => window.calfcoach.state().texts.some((t) => /broken\.json could not be opened/.test(t.text)),
                             null, { timeout: 10000 });
  await settle(page);
  const refused = await state(page);
  assert.ok(says(refused, /routines\.json \/routines\/0\/steps\/1\/duration\/standard/), 'the problem with its place');
  assert.equal((await item(page, 'kit.routine.title')).text, 'Our own routine');
  await saveScreenshot(page, 'clinic-kit-import-refused');

  const good = structuredClone(routines);
  good.routines[0].title = 'After a run';
  await open('routines.json', good);
  await page.waitForFunction(() => window.calfcoach.state().items.some((i) => i.id === 'kit.routine.title' && i.text === 'After a run'),
                             null, { timeout: 10000 });
  await settle(page);
  assert.ok(says(await state(page), /Opened routines\.json/));
  assert.deepEqual((await page.problems()).filter((p) => !/GL Driver/.test(p)), []);
  await page.close();
});

// A click on an item of the patient app inside the preview, where a person clicks: the preview is
// the app at its device size, scaled down to the rectangle the kit reserved.
async function clickInPreview(page, id) {
  const at = await page.evaluate((wanted) => {
    const frame = document.getElementById('cc-preview');
    const rect = frame.getBoundingClientRect();
    const found = frame.contentWindow.calfcoach.state().items.find((i) => i.id === wanted);
    return found && { x: rect.left, y: rect.top, scale: rect.width / frame.offsetWidth, item: found };
  }, id);
  assert.ok(at, `no "${id}" in the preview`);
  await page.mouse.click(at.x + (at.item.x + at.item.w / 2) * at.scale, at.y + (at.item.y + at.item.h / 2) * at.scale);
}

test('safety check: a question the physio adds is asked by the patient app in the preview', async () => {
  const page = await newPage(browser, DESKTOP);
  await openKit(page);
  await click(page, 'kit.tab.3');
  const tab = await state(page);
  assert.equal(tab.screen, 'kit.safety');
  assert.ok(says(tab, /^Same as the built-in check\.$/), 'nothing changed yet');
  assert.ok(says(tab, /Based on: NHS: pulmonary embolism symptoms/), 'the app\'s own signs, with their guidance');

  const sign = 'Calf pain that woke you in the night';
  await typeInto(page, 'kit.safety.new.item', sign);
  await click(page, 'kit.safety.new.page.0');   // Right now
  await click(page, 'kit.safety.new.level.3');  // Advice today
  assert.equal((await item(page, 'kit.safety.new.level.3')).checked, true);
  await click(page, 'kit.safety.add');
  const added = await state(page);
  assert.ok(says(added, new RegExp(`^Adds 1 question: '${sign}' \\(page 'Right now'\\), which stops the session and sends the patient for medical advice today\\.$`)),
            added.texts.map((t) => t.text).join('\n'));
  assert.ok(!says(added, /^Same as the built-in check\.$/));
  assert.equal((await item(page, 'kit.safety.new.item')).text, '');
  assert.ok(added.items.some((i) => i.id === 'kit.safety.own.clinic_1.remove'), 'the question can be taken out again');
  await saveScreenshot(page, 'clinic-kit-safety');

  // The patient app in the preview, with the clinic's check: its first page asks the new sign. The
  // preview already had the kit's content (the built-in routine): the new one is handed over once
  // typing pauses, and a check begun before it arrives goes back Home (it is asked on the new content).
  await page.waitForFunction(() => window.calfcoach.state().preview.pending === false, null, { timeout: 10000 });
  let asked = null;
  for (let attempt = 0; attempt < 3 && !asked; attempt++) {
    await previewState(page, (s) => s.app.clinic_content === true && s.app.clinic_content_errors === 0 && s.app.screen === 'home');
    await page.waitForTimeout(300);
    await clickInPreview(page, 'home.start');
    asked = await previewState(page, (s) => s.app.screen === 'safety' && s.app.items.some((i) => i.id === 'safety.sign.clinic_1'))
      .catch(() => null);
  }
  assert.ok(asked, 'the preview asks the new sign');
  assert.equal(asked.app.page, 'right_now');
  assert.equal(asked.app.items.find((i) => i.id === 'safety.sign.clinic_1').label, sign);
  await saveScreenshot(page, 'clinic-kit-safety-preview');
  assert.deepEqual((await page.problems()).filter((p) => !/GL Driver/.test(p)), []);
  await page.close();
});
