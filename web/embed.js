// embed.js — puts Calf Coach in a clinic's page (docs/embedding.md). The clinic pastes
//   <div data-calfcoach data-clinic="Riverside Physio" data-accent="#2a7" data-phone="+44 20 7946 0000"></div>
//   <script src="https://APP.EXAMPLE/embed.js" async></script>
// and each such div gets a sandboxed iframe of the app (from where this script came), which grows
// with its content and whose events arrive on the div as DOM CustomEvents:
//   calfcoach:ready, calfcoach:safety-result {level}, calfcoach:session-complete {duration_s, legs,
//   ended}, calfcoach:contact-clinic.
// The clinic's content may ride in the snippet itself, as a JSON script element inside the div
// (read as text, never run):
//   <div data-calfcoach ...><script type="application/json" data-calfcoach-content>{...}</script></div>
// The iframe then starts with content=inline and gets it by message when the app asks for it
// (calfcoach:want-content); calfcoach:content-applied {ok, errors} tells how it went. A page can send
// new content later (a live preview): div.dispatchEvent(new CustomEvent('calfcoach:set-content',
// {detail: {content: text}})), or calfcoachEmbed.setContent(div, text).
// A programme link to the clinic's page (https://CLINIC/page#rx=..., docs/prescriptions.md) is handed to
// the first iframe and removed from this page's address bar, so it is not left in the history.
// Messages are taken only from that iframe's window at the app's origin. No inline styles (the
// clinic's CSP may forbid them): sizes are set through the CSSOM, which CSP allows.
(function () {
  'use strict';

  var MIN_HEIGHT = 480;
  var MAX_HEIGHT = 2000;
  var EVENTS = {
    'calfcoach:ready': [],
    'calfcoach:safety-result': ['level'],
    'calfcoach:session-complete': ['duration_s', 'legs', 'ended'],
    'calfcoach:contact-clinic': [],
    'calfcoach:content-applied': ['ok', 'errors']
  };
  var PARAMS = ['clinic', 'accent', 'phone', 'content'];

  var script = document.currentScript;
  var appUrl = null;
  try {
    appUrl = new URL('./', script && script.src ? script.src : window.location.href);
  } catch (e) {
    appUrl = null;
  }

  function warn(text) {
    if (window.console && console.warn) console.warn('calfcoach embed: ' + text);
  }

  function plain(value) {
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  }

  // Copies only the fields an event is documented to carry, as plain values (a list: its first 20 texts).
  function cleanDetail(type, detail) {
    var out = {};
    var fields = EVENTS[type];
    for (var i = 0; i < fields.length; i++) {
      var value = detail ? detail[fields[i]] : undefined;
      if (plain(value)) out[fields[i]] = value;
      else if (Array.isArray(value)) {
        out[fields[i]] = [];
        for (var k = 0; k < value.length && k < 20; k++) if (typeof value[k] === 'string') out[fields[i]].push(value[k]);
      }
    }
    return out;
  }

  // The rx= part of this page's fragment, once: the first frame mounted gets it.
  var programmeCode = null;
  (function takeProgrammeCode() {
    try {
      var parts = String(window.location.hash || '').replace(/^#/, '').split('&');
      var kept = [];
      for (var i = 0; i < parts.length; i++) {
        if (parts[i].indexOf('rx=') === 0) { if (programmeCode === null) programmeCode = parts[i].slice(3); }
        else if (parts[i]) kept.push(parts[i]);
      }
      if (programmeCode === null) return;
      var url = String(window.location.href).split('#')[0] + (kept.length ? '#' + kept.join('&') : '');
      window.history.replaceState(window.history.state, '', url);
    } catch (e) {
      warn('the programme link could not be removed from the address bar');
    }
  })();

  function mount(div) {
    if (div.getAttribute('data-calfcoach-mounted') === '1') return;
    div.setAttribute('data-calfcoach-mounted', '1');
    var base = appUrl;
    var override = div.getAttribute('data-src');
    if (override) {
      try { base = new URL(override, window.location.href); } catch (e) { warn('ignoring data-src: not a URL'); }
    }
    if (!base || (base.protocol !== 'https:' && base.protocol !== 'http:')) {
      warn('cannot tell where Calf Coach is served from');
      return;
    }
    // Parameters already in data-src are kept (e.g. ?timescale= for a demo); ours are set over them.
    var src = new URL(base.href);
    var query = src.searchParams;
    query.set('embed', '1');
    for (var i = 0; i < PARAMS.length; i++) {
      var value = div.getAttribute('data-' + PARAMS[i]);
      if (value) query.set(PARAMS[i], value);
    }
    // The content in the snippet: its text only (it is never run; the app checks it).
    var holder = div.querySelector('script[type="application/json"][data-calfcoach-content]');
    var content = holder ? holder.textContent : null;
    var contentDue = content !== null;  // not sent yet
    var heard = false;                  // the app has spoken: it listens
    if (content !== null) query.set('content', 'inline');
    // Where the app may post its events: this page's origin (not for file:// pages, origin "null").
    if (window.location.origin && window.location.origin !== 'null') query.set('host', window.location.origin);
    var appOrigin = src.origin;
    // The app checks the code itself (a damaged one is explained there); at most its own cap here.
    if (programmeCode !== null) {
      src.hash = 'rx=' + encodeURIComponent(programmeCode.slice(0, 1500));
      programmeCode = null;
    }

    var frame = document.createElement('iframe');
    frame.src = src.href;
    var clinic = div.getAttribute('data-clinic');
    frame.title = div.getAttribute('data-title') ||
      ('Calf Coach: guided calf self-massage' + (clinic ? ', offered by ' + clinic : ''));
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-downloads');
    frame.setAttribute('allow', 'screen-wake-lock; autoplay; web-share');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = '640px';  // until the app says how tall its screen is

    function sendContent() {
      contentDue = false;
      try {
        frame.contentWindow.postMessage({ source: 'calfcoach-host', type: 'calfcoach:content', detail: { content: content } }, appOrigin);
      } catch (e) { warn('the content could not be sent: ' + (e && e.message)); }
    }
    div.addEventListener('calfcoach:set-content', function (event) {
      if (!event.detail || typeof event.detail.content !== 'string') return warn('calfcoach:set-content needs detail.content, the JSON text');
      content = event.detail.content;
      contentDue = true;
      if (heard) sendContent();
    });

    window.addEventListener('message', function (event) {
      if (event.source !== frame.contentWindow || event.origin !== appOrigin) return;
      var data = event.data;
      if (!data || typeof data !== 'object' || data.source !== 'calfcoach' || typeof data.type !== 'string') return;
      heard = true;
      // Asked at every start of the app (a reload of the frame too): the latest content.
      if (data.type === 'calfcoach:want-content' && content !== null) return sendContent();
      if (contentDue) sendContent();
      if (data.type === 'calfcoach:height') {
        var height = Number(data.detail && data.detail.height);
        if (!isFinite(height)) return;
        height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height)));
        frame.style.height = height + 'px';
        div.setAttribute('data-calfcoach-height', String(height));
        return;
      }
      if (!Object.prototype.hasOwnProperty.call(EVENTS, data.type)) return;
      div.dispatchEvent(new CustomEvent(data.type, { detail: cleanDetail(data.type, data.detail), bubbles: true }));
    });
    // Ask for the height again once loaded, in case the page was busy when the first one came.
    frame.addEventListener('load', function () {
      try {
        frame.contentWindow.postMessage({ source: 'calfcoach-host', type: 'calfcoach:hello' }, appOrigin);
      } catch (e) { /* the app will still send its next height */ }
    });
    div.appendChild(frame);
  }

  function mountAll() {
    var divs = document.querySelectorAll('[data-calfcoach]');
    for (var i = 0; i < divs.length; i++) mount(divs[i]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
  window.calfcoachEmbed = {
    mount: mountAll,
    setContent: function (div, text) {
      div.dispatchEvent(new CustomEvent('calfcoach:set-content', { detail: { content: text } }));
    }
  };
})();
