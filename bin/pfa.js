#!/usr/bin/env node
// Thin launcher: `npm run build` (run by `prepare` on `npm ci`) compiles the CLI to dist/ and bundles it
// into dist/bundle/ (src/cli/bundle.ts), which starts faster; the unbundled build still runs without it.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/bundle/pfa.js', import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js');
process.exitCode = await main(process.argv);
