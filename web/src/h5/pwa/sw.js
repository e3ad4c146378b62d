// The H5 service worker (scope /h5/), hand-written. plugins/h5-pwa.ts fills in the version and
// the files of the build (the H5 entry and every chunk, style and asset it can load) and writes
// it to dist/h5/sw.js. Strategy:
//   - navigations under /h5/: network first, the cached app shell when offline (every /h5/ path
//     is the same SPA page, kept under "/h5/");
//   - /assets/* (content-hashed names): cache first;
//   - the manifest and icons: cache, refreshed in the background;
//   - /api/*: not handled (the capture pages keep their own data in IndexedDB).
/* eslint-env serviceworker */
const VERSION = '__HX_VERSION__'
const PRECACHE = __HX_PRECACHE__
const CACHE = `hx-h5-${VERSION}`
const SHELL = '/h5/'

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('hx-h5-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

async function networkFirstShell(request) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (response.ok && (response.headers.get('Content-Type') || '').startsWith('text/html')) {
      await cache.put(SHELL, response.clone())
    }
    return response
  } catch (e) {
    const cached = await cache.match(SHELL)
    if (cached) return cached
    throw e
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

async function staleWhileRevalidate(request, event) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  const refresh = fetch(request)
    .then((response) => {
      if (response.ok) return cache.put(request, response.clone()).then(() => response)
      return response
    })
  if (cached) {
    event.waitUntil(refresh.catch(() => {}))
    return cached
  }
  return refresh
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return
  if (request.mode === 'navigate') {
    if (url.pathname === '/h5' || url.pathname.startsWith('/h5/')) event.respondWith(networkFirstShell(request))
    return
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request))
    return
  }
  if (url.pathname.startsWith('/h5/')) event.respondWith(staleWhileRevalidate(request, event))
})
