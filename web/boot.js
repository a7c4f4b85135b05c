// boot.js — checks the browser can run Calf Coach, then loads the WebAssembly app (app.js + app.wasm,
// or the one its <script data-app> names: clinic.js + clinic.wasm for the clinic kit).
// Every failure shows a plain message in the page; nothing uses alert().
(function () {
  'use strict';

  var me = document.currentScript;
  var APP = (me && me.getAttribute('data-app')) || 'app';

  // Subresource Integrity of the scripts created at run time ({"app.js": "sha384-...", ...}), stamped
  // into dist/boot.js by scripts/finalize-dist.mjs; empty here, so a copy straight from web/ loads
  // unchecked. The browser refuses a script whose bytes do not match (script.onerror below).
  var INTEGRITY = {};
  if (me && me.getAttribute('data-integrity')) INTEGRITY[APP + '.js'] = me.getAttribute('data-integrity');

  function showNotice(text) {
    var box = document.getElementById('notice');
    box.textContent = text;
    box.className = 'notice notice-error';
    box.hidden = false;
    var loading = document.getElementById('loading');
    if (loading) loading.hidden = true;
  }

  function hasWebAssembly() {
    return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
  }

  // Asked of the app's own canvas with the attributes the app asks for (platform/web_shell_web.cpp:
  // no alpha, depth or stencil; GLFW: no antialias): the browser hands the app this same context
  // later, so the check costs no second context (the check alone is boot.js's 113 ms task in
  // Lighthouse's throttled run).
  function hasWebGL2(canvas) {
    try {
      return !!canvas && !!canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false });
    } catch (e) {
      return false;
    }
  }

  if (!hasWebAssembly()) {
    showNotice('This browser cannot run Calf Coach (WebAssembly is missing or turned off). ' +
               'Try an up-to-date Chrome, Edge, Firefox or Safari.');
    return;
  }
  var canvas = document.getElementById('canvas');
  if (!hasWebGL2(canvas)) {
    showNotice('This browser cannot draw Calf Coach (WebGL2 is missing or turned off). ' +
               'Try an up-to-date browser, or turn on hardware acceleration in its settings.');
    return;
  }

  // The WebGL context is made by the app; if the browser refuses, say so rather than fail silently.
  canvas.addEventListener('webglcontextcreationerror', function () {
    showNotice('This browser could not start WebGL2 graphics, which Calf Coach needs.');
  });

  window.Module = {
    canvas: canvas,
    ccIntegrity: INTEGRITY,  // read by the app for a11y.js (src/platform/a11y_web.cpp)
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    onAbort: function () {
      showNotice('Calf Coach stopped because of an internal error. Reload the page to start again; ' +
                 'your history is kept.');
    }
  };

  // The one-file offline page (calfcoach-offline.html, scripts/pwa/onefile.mjs) carries the wasm
  // as base64 in a data block and app.js inline after this script: nothing to fetch.
  var wasmData = document.getElementById('cc-wasm');
  if (wasmData) {
    try {
      var text = atob(wasmData.textContent.replace(/\s+/g, ''));
      var bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      window.Module.wasmBinary = bytes;
    } catch (e) {
      showNotice('This copy of Calf Coach is damaged. Save a new one from the Calf Coach website.');
    }
    return;
  }

  // The wasm's one download starts now, beside app.js's, and Emscripten compiles it as it streams
  // (instantiateWasm). A server that sends the wrong MIME type gets the slower ArrayBuffer path.
  var wasmResponse = fetch(APP + '.wasm', { credentials: 'same-origin' });
  window.Module.instantiateWasm = function (imports, receive) {
    function fromBytes(response) {
      return response.arrayBuffer().then(function (bytes) { return WebAssembly.instantiate(bytes, imports); });
    }
    wasmResponse.then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      if (typeof WebAssembly.instantiateStreaming !== 'function') return fromBytes(response);
      var copy = response.clone();
      return WebAssembly.instantiateStreaming(response, imports).catch(function () { return fromBytes(copy); });
    }).then(function (result) {
      receive(result.instance, result.module);
    }, function (e) {
      console.warn('Calf Coach: ' + APP + '.wasm could not be loaded: ' + (e && e.message));
      showNotice('Calf Coach could not be loaded: a file was missing or did not match this version. ' +
                 'Check your connection and reload the page.');
    });
    return {};
  };

  function addScript(name) {
    var script = document.createElement('script');
    script.src = name;
    if (INTEGRITY[name]) script.integrity = INTEGRITY[name];
    script.async = true;
    document.body.appendChild(script);
    return script;
  }

  addScript(APP + '.js').onerror = function () {
    // A network failure, or a file that does not match this version (integrity): both need a reload.
    showNotice('Calf Coach could not be loaded: a file was missing or did not match this version. ' +
               'Check your connection and reload the page.');
  };

  // pwa.js (service worker, "Update available") draws nothing: it loads after the app's first frame
  // (the class cc-started), off the path to it. It does nothing itself in an embed or any iframe.
  var root = document.documentElement;
  var started = new MutationObserver(function () {
    if (!root.classList.contains('cc-started')) return;
    started.disconnect();
    addScript('pwa.js').onerror = function () {
      console.warn('Calf Coach: offline use is not available (pwa.js did not load)');
    };
  });
  started.observe(root, { attributes: true, attributeFilter: ['class'] });
})();
