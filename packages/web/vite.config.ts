import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

export default defineConfig({
  // Brotli and gzip copies beside each file: the server sends the one the browser accepts, compressed once at build.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  // `npm run dev -w @resoftai/web` next to a server on :8000.
  server: { proxy: { '/api': 'http://localhost:8000', '/socket.io': { target: 'http://localhost:8000', ws: true } } },
});
