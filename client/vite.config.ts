import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The Paja server listens on 8080 by default; in development vite serves the client and
// forwards the API and the sync WebSocket to it, so the browser sees one origin as in production.
const SERVER = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
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
