// sw.js — Calf Coach's service worker, generated at build time by scripts/pwa/gen-pwa.mjs from
// scripts/pwa/sw-template.js. It precaches every file of this release under a cache named after their
// hashes and answers cache-first, so the app runs with no network. A new release is a new sw.js (its
// VERSION changes with any file); it installs in the background and waits until the page, after the
// person taps "Update available" (and no session is playing), asks it to take over. Old caches are
// deleted when a new version activates.
'use strict';

const VERSION = '__VERSION__';
const FILES = ['__FILES__'];
// The clinic kit's files: kept only once a kit page asks (its pwa.js posts calfcoach:keep-kit), and
// then by every later version too, so the kit keeps working offline after an update.
const KIT_FILES = ['__KIT_FILES__'];
const keepKit = (cache) => cache.addAll(KIT_FILES.map((f) => new Request(f, { cache: 'no-cache' })));

self.addEventListener('install', (event) => {
  // 'no-cache': each file is revalidated with the server (its ETag), so the cache never mixes
  // releases, yet a file the page has just fetched comes back as a 304, not a second download.
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== VERSION && key.startsWith('calfcoach-')) await caches.delete(key);
    await self.clients.claim();
  })());
});

// The page asks for the update only when the person tapped it (web/pwa.js).
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'calfcoach:skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'calfcoach:keep-kit') event.waitUntil(caches.open(VERSION).then(keepKit));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(VERSION);
    // Page parameters (?timescale=, ?embed=...) do not change the files.
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (error) {
      if (request.mode === 'navigate') {
        const page = await cache.match('./');
        if (page) return page;
      }
      throw error;
    }
  })());
});
