import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web front-end lives in `web/` and is built into `dist/web`, which the Fastify API serves.
 * In development, `vite` serves the app and forwards GraphQL to the API on port 4000, so the
 * browser sees one origin either way and the client can always call the relative `/graphql`.
 */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': 'http://127.0.0.1:4000',
    },
  },
});
