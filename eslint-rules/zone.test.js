// The layers rule, exercised through ESLint itself on virtual files of this repo's tree.
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import zone from './zone.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

const ROOT = path.resolve(import.meta.dirname, '..');
const at = (file) => path.join(ROOT, file);
const options = [
  {
    hosts: ['electron/main', 'electron/hosts/web'],
    zones: [
      { folder: 'electron/anpr', may: ['shared', 'electron/anpr'], types: ['electron/core/clock'] },
      { folder: 'electron/platform', may: ['shared', 'electron/platform'], types: ['electron/core/clock'] },
    ],
  },
];

new RuleTester({ languageOptions: { parser: tseslint.parser } }).run('zone', zone, {
  valid: [
    { filename: at('electron/anpr/client.ts'), code: "import { x } from './services/registry';", options },
    { filename: at('electron/anpr/client.ts'), code: "import { SERVIZI } from '../../shared/anpr/servizi';", options },
    // The protocol's own security folder: imports are resolved, so a folder name alone decides nothing.
    { filename: at('electron/anpr/transport/t.ts'), code: "import { firma } from '../security/signer';", options },
    { filename: at('electron/anpr/transport/t.ts'), code: "import type { Clock } from '../../core/clock';", options },
    { filename: at('electron/anpr/client.test.ts'), code: "import { pki } from '../test-support/pki';", options },
    { filename: at('electron/features/coda/queue.ts'), code: "import { x } from '../../anpr/client';", options },
    { filename: at('electron/hosts/web/main.ts'), code: "import { y } from './server';", options },
    { filename: at('electron/hosts/web/server.ts'), code: "import { resolveInsideRoot } from '../path-guard';", options },
    { filename: at('electron/platform/db/database.ts'), code: "import { filePrivato } from '../file-privati';", options },
    { filename: at('electron/platform/logger.ts'), code: "import type { Clock } from '../core/clock';", options },
  ],
  invalid: [
    { filename: at('electron/anpr/transport/t.ts'), code: "import { systemClock } from '../../core/clock';", options, errors: [{ message: /electron\/anpr imports only/ }] },
    { filename: at('electron/anpr/client.ts'), code: "import { guard } from '../hosts/path-guard';", options, errors: [{ message: /not electron\/hosts\/path-guard/ }] },
    { filename: at('electron/anpr/client.ts'), code: "export { q } from '../features/coda/queue';", options, errors: 1 },
    { filename: at('electron/features/coda/queue.ts'), code: "import { startWebHost } from '../../hosts/web/server';", options, errors: [{ message: /Nothing imports a host: electron\/hosts\/web/ }] },
    { filename: at('electron/main/index.ts'), code: "import { startWebHost } from '../hosts/web/server';", options, errors: [{ message: /Nothing imports a host: electron\/hosts\/web/ }] },
    { filename: at('electron/core/x.ts'), code: "const m = import('../main/index');", options, errors: 1 },
    { filename: at('electron/platform/db/database.ts'), code: "import { createCore } from '../../core/create-core';", options, errors: [{ message: /electron\/platform imports only/ }] },
    { filename: at('electron/platform/logger.ts'), code: "import { systemClock } from '../core/clock';", options, errors: 1 },
  ],
});
