import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
// `vite` (the dev server) proxies the API to the gateway that `npm start` runs.
const gateway = `http://127.0.0.1:${process.env.GATEWAY_PORT ?? '3000'}`;

export default defineConfig({
  root: appRoot,
  // The gateway serves the built files under /console (see apps/gateway).
  base: '/console/',
  // Vite 8 transforms with oxc; Preact's automatic JSX runtime needs no Babel preset.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy: { '/api': gateway } },
});
