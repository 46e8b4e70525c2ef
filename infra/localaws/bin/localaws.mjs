#!/usr/bin/env node
// The `localaws` command: localaws is TypeScript run without a build step, so register tsx's loader first.
import { register } from 'tsx/esm/api';

register();
await import('./localaws.ts');
