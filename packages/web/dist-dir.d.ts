/** Where `vite build` writes the app; the server serves it at `/`. */
export declare const WEB_DIST_DIR: string;
