/** Set by vite.config.ts: this build's id, which versions the service worker. */
declare const __PAJA_BUILD__: string;

/**
 * Registers the service worker that keeps the app shell for offline reloads (public/sw.js).
 * Only in a production build: in development vite serves modules one by one, and a worker
 * caching them would only get in the way.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(`/sw.js?v=${__PAJA_BUILD__}`).catch(() => {
      // No offline reloads (an insecure origin, a browser setting); everything else works.
    });
  };
  // After the page has loaded: installing fetches every asset, which must not slow the first paint.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
