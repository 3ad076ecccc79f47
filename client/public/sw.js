// Paja's service worker: keeps the app shell (index.html and the built assets) so that a board
// page reloads without the server, with the board restored from the browser's local copy.
//
// - The build writes /sw-manifest.json (the list of built files); the page registers
//   /sw.js?v=<build id>, so every release installs a new worker that caches its own files.
// - Page loads (navigations) go to the network first, so a new release arrives at once; only
//   when the network fails or is slow does the cached index.html answer.
// - Built assets have content hashes in their names: served from the cache, else fetched and kept.
// - The API, the sync socket and everything else are never touched.

const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const CACHE = `paja-shell-${VERSION}`;
const SHELL = '/index.html';
/** A navigation waits this long for the network before the cached shell answers. */
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch('/sw-manifest.json', { cache: 'no-store' });
      const manifest = await response.json();
      const files = Array.isArray(manifest.files) ? manifest.files : [];
      await cache.addAll([SHELL, ...files.map((file) => `/${file}`)]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('paja-shell-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isPagePath(url.pathname)) {
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
  }
});

/** The pages the client routes itself: the front page and boards. */
function isPagePath(pathname) {
  return pathname === '/' || pathname === SHELL || pathname.startsWith('/b/');
}

async function navigation(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    // The server answers every page path with the same index.html: keep the newest.
    if (response.ok) await cache.put(SHELL, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(SHELL);
    if (cached) return cached;
    throw error;
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('network too slow')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
