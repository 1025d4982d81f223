import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors.ts';

// Paths the server itself answers; a miss there is the API's 404, never the app's page.
const SERVER_PATHS = /^\/(api|docs|socket\.io|metrics|openapi\.json)(\/|$|\?)/;

/**
 * The built web app at `/`: its files as they are, and index.html for every other page path so the
 * client router can render it. Without a build, page paths answer 503 saying how to build it.
 */
export function webAppRoutes(distDir: string): FastifyPluginAsync {
  return async (app) => {
    const built = existsSync(join(distDir, 'index.html'));
    if (built) {
      await app.register(fastifyStatic, {
        root: distDir,
        wildcard: false,
        index: false,
        cacheControl: false,
        // The build writes .br and .gz copies of each file; the one the browser accepts is sent.
        preCompressed: true,
        // Bundles under assets/ carry their content hash in the name, so browsers may keep them.
        setHeaders: (response, path) => {
          if (path.includes('/assets/')) response.header('cache-control', 'public, max-age=31536000, immutable');
        },
      });
    }
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (SERVER_PATHS.test(request.url)) throw new AppError(404, `Route GET ${request.url.split('?')[0]} not found`);
      if (!built) {
        throw new AppError(503, 'The web app is not built: run `npm run build -w @resoftai/web` (npm ci does it) and restart the server');
      }
      // Hashed asset names change with each build; the page that names them must never be cached.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  };
}
