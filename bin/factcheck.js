#!/usr/bin/env node
// The `factcheck` command: runs the compiled CLI (built by `npm install` through `prepare`).
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
