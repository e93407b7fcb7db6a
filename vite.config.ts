// Builds the renderer (renderer/ → out/renderer). Node-side build config: it lives
// outside renderer/, whose code runs sandboxed and never imports Node modules.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // No inline <script> or data: modules: the CSP is script-src 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
});
