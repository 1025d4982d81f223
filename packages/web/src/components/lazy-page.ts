import { type ComponentType, lazy } from 'react';

/** A page loaded in its own chunk the first time it is shown (the layout's Suspense shows Loading meanwhile). */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
