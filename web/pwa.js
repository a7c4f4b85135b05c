// pwa.js — registers the service worker (sw.js, generated at build time by scripts/pwa/gen-pwa.mjs)
// and offers new versions. Registers only over http(s) in the top-level page: never from file://,
// the one-file page (which does not load this script) or an embed (?embed=1, or any iframe), where a
// worker would be installed on the host's visit. A new version installs in the background; the page
// shows "Update available" and reloads only when the person taps it. While a session is under way the
// strip is hidden (the app's class cc-in-session, style.css), so no tap can reload a session away.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;
  if (document.documentElement.hasAttribute('data-calfcoach-onefile')) return;
  try {
    if (new URLSearchParams(location.search).get('embed') === '1') return;
    if (window.self !== window.top) return;
  } catch (e) {
    return;  // a cross-origin parent that cannot be compared: an embed
  }

  var waiting = null;     // the new version's worker, installed and waiting
  var requested = false;  // the person tapped "Update available" (no other reason reloads the page)
  var reloading = false;
  var bar = null;
  var text = null;

  // The canvas shrinks to give the strip room; a resize tells the app at once.
  function setShown(shown) {
    bar.hidden = !shown;
    document.documentElement.classList.toggle('cc-update-shown', shown);
    window.dispatchEvent(new Event('resize'));
  }

  function showUpdate(worker) {
    waiting = worker;
    if (bar) { setShown(true); return; }
    bar = document.createElement('div');
    bar.className = 'cc-update';
    bar.id = 'cc-update';
    bar.setAttribute('role', 'status');
    text = document.createElement('p');
    text.className = 'cc-update-text';
    text.textContent = 'Update available';
    var update = document.createElement('button');
    update.type = 'button';
    update.id = 'cc-update-button';
    update.textContent = 'Update';
    update.setAttribute('aria-label', 'Update Calf Coach now');
    update.addEventListener('click', function () {
      requested = true;
      text.textContent = 'Updating\u2026';
      if (waiting) waiting.postMessage({ type: 'calfcoach:skip-waiting' });
    });
    var later = document.createElement('button');
    later.type = 'button';
    later.id = 'cc-update-later';
    later.className = 'cc-update-later';
    later.textContent = 'Later';
    later.addEventListener('click', function () { setShown(false); });
    bar.appendChild(text);
    bar.appendChild(update);
    bar.appendChild(later);
    document.body.appendChild(bar);
    setShown(true);
  }

  function watch(worker) {
    if (!worker) return;
    worker.addEventListener('statechange', function () {
      // The first install (no controller yet) needs no prompt: this page already runs this version.
      if (worker.state === 'installed' && navigator.serviceWorker.controller) showUpdate(worker);
    });
  }

  function track(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) showUpdate(registration.waiting);
    watch(registration.installing);  // an update found before register() resolved
    registration.addEventListener('updatefound', function () { watch(registration.installing); });
  }

  navigator.serviceWorker.addEventListener('controllerchange', function () {
    // The first install claims the page silently, and another tab's update must not reload this one.
    if (!requested || reloading) return;
    reloading = true;
    location.reload();
  });

  // boot.js loads this script after the app's first frame; registering waits a second more, so the
  // worker's install (it fetches and stores every file) never competes with the app starting up.
  setTimeout(function () {
    navigator.serviceWorker.register('sw.js', { scope: './' }).then(function (registration) {
      track(registration);
      // The clinic kit's page: its own files are kept for offline use too (not on a patient's install).
      if (document.body.classList.contains('cc-kit')) {
        navigator.serviceWorker.ready.then(function (ready) {
          if (ready.active) ready.active.postMessage({ type: 'calfcoach:keep-kit' });
        });
      }
      // Look for a new version when the page comes back to the foreground.
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'visible') registration.update().catch(function () {});
      });
    }).catch(function (error) {
      console.warn('Calf Coach: offline use is not available (' + (error && error.message) + ')');
    });
  }, 1000);
})();
