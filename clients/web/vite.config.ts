import { defineConfig } from 'vite';

// A single-page app: every path (/verify-email, /billing/success, ...) is index.html, routed in src/main.ts.
export default defineConfig({
  appType: 'spa',
  build: { outDir: 'dist', sourcemap: true },
  server: { port: 3000, strictPort: false },
  preview: { port: 3000 },
});
