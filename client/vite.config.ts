import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The Paja server listens on 8080 by default; in development vite serves the client and
// forwards the API and the sync WebSocket to it, so the browser sees one origin as in production.
const SERVER = 'http://127.0.0.1:8080';

/** Names this build; the service worker is registered under it so each release installs anew. */
const BUILD_ID = Date.now().toString(36);

/**
 * Writes sw-manifest.json: the built files the service worker (public/sw.js) caches when it
 * installs, so that a board page reloads offline, including the lazily loaded board chunk.
 */
function serviceWorkerManifest(): Plugin {
  return {
    name: 'paja-sw-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && !file.endsWith('.map'))
        .sort();
      this.emitFile({
        type: 'asset',
        fileName: 'sw-manifest.json',
        source: `${JSON.stringify({ version: BUILD_ID, files }, null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorkerManifest()],
  define: {
    __PAJA_BUILD__: JSON.stringify(BUILD_ID),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: SERVER, changeOrigin: true },
      '/sync': { target: SERVER, ws: true, changeOrigin: true },
    },
  },
});
