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
    hosts: ['electron/main', 'electron/web'],
    zones: [{ folder: 'electron/anpr', may: ['shared', 'electron/anpr'], types: ['electron/core/clock'] }],
  },
];

new RuleTester({ languageOptions: { parser: tseslint.parser } }).run('zone', zone, {
  valid: [
    { filename: at('electron/anpr/client.ts'), code: "import { x } from './services/registry';", options },
    { filename: at('electron/anpr/client.ts'), code: "import { SERVIZI } from '../../shared/anpr/servizi';", options },
    // The protocol's own security folder, not the top-level electron/security.
    { filename: at('electron/anpr/transport/t.ts'), code: "import { firma } from '../security/signer';", options },
    { filename: at('electron/anpr/transport/t.ts'), code: "import type { Clock } from '../../core/clock';", options },
    { filename: at('electron/anpr/client.test.ts'), code: "import { pki } from '../test-support/pki';", options },
    { filename: at('electron/queue/queue.ts'), code: "import { x } from '../anpr/client';", options },
    { filename: at('electron/web/main.ts'), code: "import { y } from './server';", options },
  ],
  invalid: [
    { filename: at('electron/anpr/transport/t.ts'), code: "import { systemClock } from '../../core/clock';", options, errors: [{ message: /electron\/anpr imports only/ }] },
    { filename: at('electron/anpr/client.ts'), code: "import { guard } from '../security/path-guard';", options, errors: [{ message: /not electron\/security\/path-guard/ }] },
    { filename: at('electron/anpr/client.ts'), code: "export { q } from '../queue/queue';", options, errors: 1 },
    { filename: at('electron/queue/queue.ts'), code: "import { startWebHost } from '../web/server';", options, errors: [{ message: /Nothing imports a host: electron\/web/ }] },
    { filename: at('electron/core/x.ts'), code: "const m = import('../main/index');", options, errors: 1 },
  ],
});
