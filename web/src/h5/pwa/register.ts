// Registers the H5 service worker (built to /h5/sw.js, scope /h5/) so the app shell and the
// capture pages load offline after the first visit. Not in the dev server (no sw.js there).
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  const register = () => {
    navigator.serviceWorker.register('/h5/sw.js', { scope: '/h5/' }).catch(() => {
      // unsupported here (private mode, insecure origin): the app works online as before
    })
  }
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
