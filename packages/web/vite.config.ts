import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  // `npm run dev -w @resoftai/web` next to a server on :8000.
  server: { proxy: { '/api': 'http://localhost:8000', '/socket.io': { target: 'http://localhost:8000', ws: true } } },
});
