// Builds the designer into designer/dist. The app imports the engine's pure core
// (engine/src/flow/**) directly, so the browser compiles, lints and simulates with the very
// same code as the server. The server sends a strict CSP (no inline scripts, no eval), so
// everything is bundled into external module files; no CDN, no external fonts.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './build/precompress';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inlined assets would become data: URLs; keep them as files so a strict CSP stays simple.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2500,
    modulePreload: { polyfill: false },
  },
  server: {
    port: 5173,
    fs: { allow: ['..'] },
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
