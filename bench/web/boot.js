// boot.js — shared by the benchmark's reference builds (floor, peer): hands the canvas to the
// Emscripten runtime and loads app.js, as our own web/boot.js does (no inline script: strict CSP).
(function () {
  'use strict';
  var canvas = document.getElementById('canvas');
  window.Module = { canvas: canvas };
  var script = document.createElement('script');
  script.src = 'app.js';
  script.async = true;
  document.body.appendChild(script);
})();
