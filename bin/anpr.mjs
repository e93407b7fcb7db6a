#!/usr/bin/env node
// `npx anpr <command>`: the ANPR command-line client (TypeScript run through tsx).
import { register } from 'tsx/esm/api';

register();
await import('../electron/hosts/cli/main.ts');
