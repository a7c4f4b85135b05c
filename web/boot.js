// boot.js — checks the browser can run Calf Coach, then loads the WebAssembly app (app.js + app.wasm).
// Every failure shows a plain message in the page; nothing uses alert().
(function () {
  'use strict';

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

  function hasWebGL2() {
    try {
      return !!document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      return false;
    }
  }

  if (!hasWebAssembly()) {
    showNotice('This browser cannot run Calf Coach (WebAssembly is missing or turned off). ' +
               'Try an up-to-date Chrome, Edge, Firefox or Safari.');
    return;
  }
  if (!hasWebGL2()) {
    showNotice('This browser cannot draw Calf Coach (WebGL2 is missing or turned off). ' +
               'Try an up-to-date browser, or turn on hardware acceleration in its settings.');
    return;
  }

  var canvas = document.getElementById('canvas');
  // The WebGL context is made by the app; if the browser refuses, say so rather than fail silently.
  canvas.addEventListener('webglcontextcreationerror', function () {
    showNotice('This browser could not start WebGL2 graphics, which Calf Coach needs.');
  });

  window.Module = {
    canvas: canvas,
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    onAbort: function () {
      showNotice('Calf Coach stopped because of an internal error. Reload the page to start again; ' +
                 'your history is kept.');
    }
  };

  var script = document.createElement('script');
  script.src = 'app.js';
  script.async = true;
  script.onerror = function () {
    showNotice('Calf Coach could not be loaded. Check your connection and reload the page.');
  };
  document.body.appendChild(script);
})();
