import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createRequire } from 'node:module';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const backend = process.env.FAIR_DEV_BACKEND ?? 'http://127.0.0.1:8080';

/**
 * The server's `/api/docs` page loads Scalar from `/vendor/scalar/standalone.js`:
 * copy the browser bundle of `@scalar/api-reference` there at build time, and serve
 * it from node_modules under `vite dev`.
 */
function scalarStandalone(): Plugin {
  const require = createRequire(import.meta.url);
  const source = require.resolve('@scalar/api-reference/browser/standalone.js');
  const target = 'vendor/scalar/standalone.js';
  let outDir = 'dist';
  return {
    name: 'fair:scalar-standalone',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(`/${target}`, (_req, res) => {
        readFile(source).then(
          (body) => {
            res.setHeader('content-type', 'text/javascript; charset=utf-8');
            res.end(body);
          },
          (err: unknown) => {
            res.statusCode = 500;
            res.end(String(err));
          },
        );
      });
    },
    async writeBundle() {
      const dest = join(outDir, target);
      await mkdir(join(dest, '..'), { recursive: true });
      await copyFile(source, dest);
    },
  };
}

export default defineConfig({
  plugins: [svelte(), scalarStandalone()],
  server: {
    proxy: {
      // `ws`: the live service's websocket (`/api/v1/live`) goes through too.
      '/api': { target: backend, changeOrigin: false, ws: true },
      '/healthz': backend,
      '/readyz': backend,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
});
