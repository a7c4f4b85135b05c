// a11y-layer.mjs — reads the accessibility layer (web/a11y.js) for the a11y test files: what it holds,
// and a wait until it matches the last frame.
import { settle, state } from './harness.mjs';

// What the layer holds: every control with its rect, and the texts.
export const layer = (page) => page.evaluate(() => {
  const root = document.getElementById('cc-a11y');
  if (!root) return null;
  const controls = [...root.querySelectorAll('[data-index]')].map((el) => {
    const r = el.getBoundingClientRect();
    return {
      id: el.dataset.id, tag: el.tagName.toLowerCase(), type: el.type, role: el.getAttribute('role'),
      name: el.getAttribute('aria-label') || el.textContent, x: r.x, y: r.y, w: r.width, h: r.height,
      checked: el.getAttribute('aria-checked'), pressed: el.getAttribute('aria-pressed'),
      value: el.value, min: el.min, max: el.max,
    };
  });
  // (An <li> that holds a control is a list's entry, not text: a safety-check page's signs.)
  const texts = [...root.querySelectorAll('h1, h2, p, li')].filter((el) => !el.querySelector('[data-index]'))
    .map((el) => ({ kind: el.tagName.toLowerCase(), text: el.textContent }));
  return { controls, texts };
});

// Waits for the layer to match the last frame (it follows each frame that changed).
export async function layerInSync(page) {
  await settle(page);
  for (let i = 0; i < 40; i++) {
    const [s, l] = [await state(page), await layer(page)];
    if (l && l.controls.length === s.items.length && l.controls.every((c, k) => c.id === s.items[k].id)) return { s, l };
    await page.waitForTimeout(50);
  }
  throw new Error('the accessibility layer did not follow the frame');
}

// Tab until the control `id` has focus (Shift+Tab with back); fails after a full round.
export async function focusById(page, id, back = false) {
  for (let i = 0; i < 60; i++) {
    const focused = await page.evaluate(() => document.activeElement?.dataset?.id ?? null);
    if (focused === id) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${id} with the keyboard`);
}
