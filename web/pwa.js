// pwa.js — registers the service worker (sw.js, generated at build time) and offers new versions.
// Only over http(s) from the served site: never from file:// or the one-file page (which does not
// load this script). A new version installs in the background; the page shows "Update available"
// and reloads only when the person taps it and no session is playing.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;
  if (document.documentElement.hasAttribute('data-calfcoach-onefile')) return;

  var reloading = false;
  var waiting = null;
  var bar = null;

  function sessionPlaying() {
    try {
      var state = window.calfcoach && window.calfcoach.state();
      return !!(state && state.session && state.session.playing);
    } catch (e) {
      return false;
    }
  }

  function showUpdate(worker) {
    waiting = worker;
    if (bar) { bar.hidden = false; return; }
    bar = document.createElement('div');
    bar.className = 'cc-update';
    bar.setAttribute('role', 'status');
    var text = document.createElement('span');
    text.textContent = 'A new version of Calf Coach is ready.';
    var button = document.createElement('button');
    button.type = 'button';
    button.id = 'cc-update-button';
    button.textContent = 'Update available: tap to update';
    button.addEventListener('click', function () {
      if (sessionPlaying()) {
        text.textContent = 'Finish or pause your session first; then tap to update.';
        return;
      }
      if (waiting) waiting.postMessage({ type: 'calfcoach:skip-waiting' });
    });
    bar.appendChild(text);
    bar.appendChild(button);
    document.body.appendChild(bar);
  }

  function track(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) showUpdate(registration.waiting);
    registration.addEventListener('updatefound', function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', function () {
        // The first install (no controller yet) needs no reload: this page already runs this version.
        if (worker.state === 'installed' && navigator.serviceWorker.controller) showUpdate(worker);
      });
    });
  }

  navigator.serviceWorker.addEventListener('controllerchange', function () {
    // Only after the person asked for the update (a first install claims the page silently).
    if (!waiting || reloading) return;
    reloading = true;
    location.reload();
  });

  window.addEventListener('load', function () {
    navigator.serviceWorker.register('sw.js', { scope: './' }).then(function (registration) {
      track(registration);
      // Look for a new version when the page comes back to the foreground.
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'visible') registration.update().catch(function () {});
      });
    }).catch(function (error) {
      console.warn('Calf Coach: offline use is not available (' + (error && error.message) + ')');
    });
  });
})();
