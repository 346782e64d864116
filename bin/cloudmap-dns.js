#!/usr/bin/env node
// Runs the TypeScript entry point through tsx (a runtime dependency), so a
// clone works without a build step. `npm run build` emits dist/ for packaging.
import { register } from 'tsx/esm/api';

register();
await import('../src/runtime/node/main.ts');
