#!/usr/bin/env node
// Runs the TypeScript sources directly: the platform ships without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv);
