// a11y.js — the accessibility layer over the canvas (loaded by the app, src/platform/a11y_web.cpp).
//
// The app draws everything on one WebGL canvas, which has no accessibility tree. After each frame
// that changed them, the app hands this script its interactive items (in CSS px) and the screen's
// texts; we keep, in reading order:
//   - a real focusable HTML control exactly over each drawn widget: <button> (role checkbox with
//     aria-checked for toggles, aria-pressed for the chosen option of a choice), <input type=range>
//     for sliders; invisible (opacity 0) — the canvas draws the focus ring on the widget;
//   - a visible <input> or <textarea> over each text field (item.kind 'text'): the page's own editor,
//     so typing, pasting, dictation, a screen reader and a tablet's on-screen keyboard all work; each
//     change goes to the app (setText). It survives a rebuild (kept by id, never moved), so the caret
//     stays where it was while the screen around it changes;
//   - controls of one list (item.group: a safety-check page's signs) inside a <ul> labelled by it;
//   - the screen's headings, paragraphs and list items as HTML, visually hidden;
//   - two live regions: polite (screens, steps, switch legs, the last 3 s, done) and assertive
//     (an urgent or emergency safety result).
// Pointer input: the controls have pointer-events: none, so taps and clicks always reach the canvas,
// which does exactly what it did before; the controls serve keyboard focus and assistive technology
// (their click events: Enter, Space, a screen reader's activate) and call the app's exports, which
// treat the item as pressed on the next frame. Styles are set through the CSSOM (allowed by the CSP).
(function () {
  'use strict';

  var root = null;
  var polite = null;
  var assertive = null;
  var controls = [];   // controls[i] is the HTML control of items[i]
  var textFields = {}; // id -> the <input>/<textarea> of a text field, kept across rebuilds
  var signature = null;
  var lastSeq = 0;
  var log = [];        // every announcement written: {seq, text, assertive}

  function hideVisually(el) {
    var s = el.style;
    s.position = 'absolute';
    s.width = '1px';
    s.height = '1px';
    s.margin = '-1px';
    s.padding = '0';
    s.border = '0';
    s.overflow = 'hidden';
    s.clip = 'rect(0 0 0 0)';
    s.clipPath = 'inset(50%)';
    s.whiteSpace = 'nowrap';
  }

  function bridge() { return window.ccA11yBridge; }

  function isControl(el) { return !!(el && el.dataset && el.dataset.index !== undefined); }
  function isTextField(el) { return isControl(el) && el.dataset.kind === 'text'; }

  function setup() {
    root = document.createElement('main');
    root.id = 'cc-a11y';
    var s = root.style;
    s.position = 'fixed';
    s.left = '0';
    s.top = '0';
    s.width = '0';
    s.height = '0';
    s.overflow = 'visible';
    s.pointerEvents = 'none';
    s.zIndex = '1';
    polite = document.createElement('div');
    polite.id = 'cc-live-polite';
    polite.setAttribute('aria-live', 'polite');
    polite.setAttribute('aria-atomic', 'true');
    hideVisually(polite);
    assertive = document.createElement('div');
    assertive.id = 'cc-live-assertive';
    assertive.setAttribute('aria-live', 'assertive');
    assertive.setAttribute('aria-atomic', 'true');
    hideVisually(assertive);
    document.body.appendChild(root);
    document.body.appendChild(polite);
    document.body.appendChild(assertive);
    // The canvas is a picture of what the layer says: screen readers read the layer.
    var canvas = document.getElementById('canvas');
    if (canvas) canvas.setAttribute('aria-hidden', 'true');
    // The loading intro has done its job; the layer has the real headings now.
    var intro = document.getElementById('intro');
    if (intro) intro.hidden = true;

    // Keys on a control are the control's (Tab moves focus, Enter/Space press, arrows move a slider):
    // the app's window-level key handler must not see them (it would prevent their default).
    // Escape goes on to the app: back.
    var stop = function (event) {
      if (isControl(event.target) && event.key !== 'Escape') event.stopPropagation();
    };
    root.addEventListener('keydown', stop);
    root.addEventListener('keyup', stop);
    root.addEventListener('click', function (event) {
      var el = event.target;
      if (!isControl(el) || el.type === 'range' || isTextField(el) || !bridge()) return;
      event.preventDefault();
      if (el.getAttribute('aria-disabled') === 'true') return;
      bridge().activate(Number(el.dataset.index));
    });
    root.addEventListener('input', function (event) {
      var el = event.target;
      if (isTextField(el) && !el.readOnly && bridge()) bridge().setText(Number(el.dataset.index), el.value);
    });
    // The wheel over a text field scrolls the page drawn on the canvas, as it would over the canvas.
    root.addEventListener('wheel', function (event) {
      var canvas = document.getElementById('canvas');
      if (!isTextField(event.target) || !canvas) return;
      event.preventDefault();
      canvas.dispatchEvent(new WheelEvent('wheel', event));
    }, { passive: false });
    // A finger that goes down on a text field and moves scrolls the page drawn on the canvas, as it
    // would anywhere else (a tap still only focuses the field and opens the on-screen keyboard): past a
    // small travel its touches go to the canvas, from where it first went down.
    var drag = null;  // {id, x, y, first, handed}
    root.addEventListener('touchstart', function (event) {
      var t = event.changedTouches[0];
      drag = isTextField(event.target) && event.touches.length === 1 && t
        ? { id: t.identifier, x: t.clientX, y: t.clientY, first: t, handed: false } : null;
    }, { passive: true });
    root.addEventListener('touchmove', function (event) {
      var t = drag && touchOf(event.changedTouches, drag.id);
      if (!t) return;
      if (!drag.handed) {
        if (Math.abs(t.clientX - drag.x) + Math.abs(t.clientY - drag.y) <= 10) return;
        drag.handed = true;
        handTouch('touchstart', drag.first, true);
      }
      event.preventDefault();
      handTouch('touchmove', t, true);
    }, { passive: false });
    var release = function (event) {
      var t = drag && touchOf(event.changedTouches, drag.id);
      if (!t) return;
      var handed = drag.handed;
      drag = null;
      if (!handed) return;
      event.preventDefault();  // a scroll, not a tap: the field is not focused by it
      handTouch(event.type, t, false);
    };
    root.addEventListener('touchend', release, { passive: false });
    root.addEventListener('touchcancel', release, { passive: false });
    var slide = function (event) {
      var el = event.target;
      if (!isControl(el) || el.type !== 'range' || !bridge()) return;
      bridge().setSlider(Number(el.dataset.index), Number(el.value));
    };
    root.addEventListener('input', slide);
    root.addEventListener('change', slide);
    root.addEventListener('focusin', function (event) {
      if (isControl(event.target) && bridge()) bridge().setFocus(Number(event.target.dataset.index));
    });
    root.addEventListener('focusout', function (event) {
      if (!isControl(event.relatedTarget) && bridge()) bridge().setFocus(-1);
    });
  }

  function touchOf(list, id) {
    for (var i = 0; list && i < list.length; i++) if (list[i].identifier === id) return list[i];
    return null;
  }

  // The same touch, as a touch event on the canvas (the app's touch input). Where the engine builds no
  // TouchEvent from a list of touches (WebKitGTK), or has touch events but no TouchEvent to make one
  // (desktop Firefox), the lists are set on the event itself.
  function handTouch(type, touch, down) {
    var canvas = document.getElementById('canvas');
    if (!canvas) return;
    var active = down ? [touch] : [];
    var event = null;
    try {
      event = new TouchEvent(type, { bubbles: true, cancelable: true, touches: active,
                                     targetTouches: active, changedTouches: [touch] });
    } catch (e) {
      event = null;
    }
    if (!event || !event.changedTouches || event.changedTouches.length !== 1) {
      event = typeof TouchEvent === 'function' ? new TouchEvent(type, { bubbles: true, cancelable: true })
                                               : new Event(type, { bubbles: true, cancelable: true });
      var list = function (items) {
        var copy = items.slice();
        copy.item = function (i) { return copy[i] || null; };
        return copy;
      };
      Object.defineProperty(event, 'touches', { value: list(active) });
      Object.defineProperty(event, 'targetTouches', { value: list(active) });
      Object.defineProperty(event, 'changedTouches', { value: list([touch]) });
    }
    canvas.dispatchEvent(event);
  }

  function cleanLabel(label) {
    return label.replace(/^\u2039\s*/, '');  // "‹ Back": the chevron is decoration
  }

  function makeTextField(item) {
    var el = document.createElement(item.lines > 1 ? 'textarea' : 'input');
    if (item.lines <= 1) el.type = item.input || 'text';
    el.className = 'cc-text';
    el.dataset.kind = 'text';
    el.dataset.id = item.id;
    el.spellcheck = item.input === 'text' && !item.read_only;
    el.setAttribute('autocomplete', 'off');
    var help = document.createElement('span');
    help.id = 'cc-help-' + item.id.replace(/[^a-zA-Z0-9_-]/g, '-');
    hideVisually(help);
    el.setAttribute('aria-describedby', help.id);
    el.ccHelp = help;
    var s = el.style;
    s.position = 'absolute';
    s.margin = '0';
    s.boxSizing = 'border-box';
    s.border = '0';
    s.outline = 'none';  // the canvas draws the field's border and focus ring
    // Colours and font: the page's stylesheet (clinic.css), over the canvas's own drawing of the text.
    s.pointerEvents = 'auto';
    s.resize = 'none';
    el.value = item.text;
    return el;
  }

  function makeControl(item, index) {
    var el;
    if (item.kind === 'text') {
      el = textFields[item.id] || makeTextField(item);
      el.dataset.index = String(index);
      return el;
    }
    if (item.kind === 'slider') {
      el = document.createElement('input');
      el.type = 'range';
      el.step = '1';
      el.setAttribute('aria-label', item.label);
    } else {
      el = document.createElement('button');
      el.type = 'button';
      el.textContent = cleanLabel(item.label);
      if (item.kind === 'toggle') el.setAttribute('role', 'checkbox');
      else if (item.kind === 'link') el.setAttribute('role', 'link');
    }
    el.dataset.index = String(index);
    el.dataset.id = item.id;
    var s = el.style;
    s.position = 'absolute';
    s.margin = '0';
    s.padding = '0';
    s.border = '0';
    s.boxSizing = 'border-box';
    s.opacity = '0';
    s.pointerEvents = 'none';
    return el;
  }

  function refreshControl(el, item) {
    var s = el.style;
    s.left = item.x + 'px';
    s.top = item.y + 'px';
    s.width = item.w + 'px';
    s.height = item.h + 'px';
    if (item.disabled) el.setAttribute('aria-disabled', 'true');
    else el.removeAttribute('aria-disabled');
    if (item.kind === 'text') {
      // Inside the border the canvas draws; the same size and padding as the canvas's text.
      s.left = (item.x + 2) + 'px';
      s.top = (item.y + 2) + 'px';
      s.width = Math.max(item.w - 4, 0) + 'px';
      s.height = Math.max(item.h - 4, 0) + 'px';
      s.padding = item.lines > 1 ? '8px' : '0 8px';
      s.fontSize = item.font_px + 'px';
      s.lineHeight = item.lines > 1 ? '1.2' : (item.h - 4) + 'px';
      el.setAttribute('aria-label', item.label);
      el.readOnly = !!item.read_only;
      if (item.error) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
      el.ccHelp.textContent = [item.error, item.hint].filter(Boolean).join(' ');
      if (document.activeElement !== el && el.value !== item.text) el.value = item.text;
      return;
    }
    if (item.kind === 'slider') {
      el.min = String(item.min);
      el.max = String(item.max);
      if (document.activeElement !== el || el.value !== String(item.value)) el.value = String(item.value);
      el.setAttribute('aria-valuetext', String(item.value));
    } else if (item.kind === 'toggle') {
      el.setAttribute('aria-checked', item.checked ? 'true' : 'false');
    } else if (item.checked !== undefined) {
      el.setAttribute('aria-pressed', item.checked ? 'true' : 'false');
    }
  }

  function makeText(text) {
    var el = document.createElement(text.kind === 'li' ? 'li' : text.kind);
    el.textContent = text.text;
    if (text.kind === 'h1' || text.kind === 'h2') el.tabIndex = -1;  // focus lands here on a new screen
    if (text.kind !== 'li') hideVisually(el);
    return el;
  }

  function rebuild(state, screenChanged) {
    var active = document.activeElement;
    var hadFocus = !!(active && root.contains(active));
    var focusedId = isControl(active) ? active.dataset.id : null;
    var focusedIndex = isControl(active) ? Number(active.dataset.index) : -1;

    // The new children are built apart and then put in place around the text fields that stay, which
    // never move: moving a focused field would lose its caret, and an on-screen keyboard with it.
    var kept = {};
    for (var n = 0; n < state.items.length; n++) if (state.items[n].kind === 'text') kept[state.items[n].id] = true;
    var nextFields = {};
    var fragment = [];   // the root's new children, in order
    controls = [];
    var focusSurvives = isTextField(active) && kept[active.dataset.id];
    // The focused control is gone (not every browser fires focusout on removal): no ring, and Space
    // in the player is Pause again until a control has focus.
    if (focusedId && !focusSurvives && bridge()) bridge().setFocus(-1);
    var list = null;
    var firstHeading = null;
    var group = null;    // the <ul> of the controls in a list (a safety-check page's signs)
    var groupName = null;
    var appendToGroup = function (el, name) {
      if (!group || groupName !== name) {
        group = document.createElement('ul');
        group.setAttribute('aria-label', name);
        group.style.listStyle = 'none';
        fragment.push(group);
        groupName = name;
        list = null;
      }
      var li = document.createElement('li');
      li.appendChild(el);
      group.appendChild(li);
    };
    var append = function (el) {
      group = null;
      if (el.tagName === 'LI') {
        if (!list) {
          list = document.createElement('ul');
          hideVisually(list);
          fragment.push(list);
        }
        list.appendChild(el);
        return;
      }
      list = null;
      fragment.push(el);
      if (el.ccHelp) fragment.push(el.ccHelp);
    };
    var t = 0;
    var texts = state.texts;
    for (var i = 0; i <= state.items.length; i++) {
      for (; t < texts.length && texts[t].before <= i; t++) {
        var textEl = makeText(texts[t]);
        if (!firstHeading && textEl.tagName === 'H1') firstHeading = textEl;
        append(textEl);
      }
      if (i === state.items.length) break;
      var control = makeControl(state.items[i], i);
      refreshControl(control, state.items[i]);
      controls.push(control);
      if (state.items[i].kind === 'text') nextFields[state.items[i].id] = control;
      if (state.items[i].group) appendToGroup(control, state.items[i].group);
      else append(control);
    }

    textFields = nextFields;
    // Out with what is not staying, then each new child in front of the next one that stays.
    var staying = new Set(fragment);
    for (var c = root.firstChild; c;) {
      var next = c.nextSibling;
      if (!staying.has(c)) root.removeChild(c);
      c = next;
    }
    for (var f = 0; f < fragment.length; f++) {
      var at = root.childNodes[f] || null;
      if (at !== fragment[f]) root.insertBefore(fragment[f], at);
    }
    if (focusSurvives) return;  // typing goes on where it was
    if (!hadFocus) return;  // never take focus from a pointer user
    var target = null;
    if (focusedId && !screenChanged) {
      for (var k = 0; k < controls.length && !target; k++) if (controls[k].dataset.id === focusedId) target = controls[k];
    }
    if (!target && !screenChanged && focusedIndex >= 0 && controls.length > 0)
      target = controls[Math.min(focusedIndex, controls.length - 1)];  // Pause became Resume
    if (!target) target = firstHeading || controls[0] || null;
    if (target) target.focus({ preventScroll: true });
  }

  function announce(a) {
    if (!a || !a.seq || a.seq <= lastSeq) return;
    lastSeq = a.seq;
    if (!a.text) return;
    var region = a.assertive ? assertive : polite;
    region.textContent = a.text;
    log.push({ seq: a.seq, text: a.text, assertive: !!a.assertive });
    if (log.length > 500) log.shift();
  }

  var lastScreen = null;
  function update(json) {
    if (!root) setup();
    var state = JSON.parse(json);
    var sig = [state.screen].concat(
      state.items.map(function (i) { return i.id + '|' + i.kind + '|' + i.label + '|' + (i.group || ''); }),
      state.texts.map(function (x) { return x.kind + '|' + x.before + '|' + x.text; })).join('\n');
    if (sig !== signature) {
      var screenChanged = lastScreen !== null && lastScreen !== state.screen;
      signature = sig;
      rebuild(state, screenChanged);
    } else {
      for (var i = 0; i < controls.length; i++) refreshControl(controls[i], state.items[i]);
    }
    lastScreen = state.screen;
    announce(state.announce);
  }

  window.calfcoachA11y = {
    update: update,
    log: function () { return log.slice(); }
  };
  if (window.ccA11yPending) {
    var pending = window.ccA11yPending;
    window.ccA11yPending = null;
    update(pending);
  }
})();
