import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The UI is its own Vite root so the Node build (tsc -p .) never sees DOM code;
// `dossier serve` serves the output from dist/ui at `/`.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    // sigma + graphology are the bulk; one chunk for them keeps the article view light.
    chunkSizeWarningLimit: 400,
    sourcemap: false,
  },
  server: {
    // `vite dev` talks to a running `dossier serve` (DOSSIER_API, default http://127.0.0.1:8787).
    proxy: { '/api': process.env.DOSSIER_API ?? 'http://127.0.0.1:8787' },
  },
});
