import { fileURLToPath } from 'node:url';

/** Where `vite build` writes the app; the server serves it at `/`. */
export const WEB_DIST_DIR = fileURLToPath(new URL('./dist', import.meta.url));
