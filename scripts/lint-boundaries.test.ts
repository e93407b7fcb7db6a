import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import boundaries (eslint)', () => {
  it('keep electron, Node and the core out of the renderer', async () => {
    expect(await restrictedImports('renderer/src/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toHaveLength(0);
    expect(await restrictedImports('renderer/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).not.toHaveLength(0);
    expect(await restrictedImports('renderer/src/probe.ts', "import fs from 'fs';\nexport const a = fs;\n")).not.toHaveLength(0);
    expect(await restrictedImports('renderer/src/probe.ts', "import { createCore } from '../../electron/core/create-core';\nexport const a = createCore;\n")).not.toHaveLength(0);
    expect(await restrictedImports('renderer/src/probe.ts', "import { contract } from '../../shared/ipc/contract';\nexport const a = contract;\n")).toHaveLength(0);
  });

  it('keep shared/ free of either side', async () => {
    expect(await restrictedImports('shared/domain/probe.ts', "import { join } from 'node:path';\nexport const a = join;\n")).not.toHaveLength(0);
    expect(await restrictedImports('shared/domain/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toHaveLength(0);
    expect(await restrictedImports('shared/domain/probe.ts', "import { App } from '../../renderer/src/App';\nexport const a = App;\n")).not.toHaveLength(0);
    expect(await restrictedImports('shared/domain/probe.ts', "import { x } from '../../electron/platform/paths';\nexport const a = x;\n")).not.toHaveLength(0);
  });

  it('allow electron only in the shell and the preload', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await restrictedImports('electron/core/probe.ts', code)).not.toHaveLength(0);
    expect(await restrictedImports('electron/anpr/probe.ts', code)).not.toHaveLength(0);
    expect(await restrictedImports('electron/main/probe.ts', code)).toHaveLength(0);
    expect(await restrictedImports('electron/preload/index.ts', code)).toHaveLength(0);
    expect(await restrictedImports('electron/hosts/web/probe.ts', code)).not.toHaveLength(0);
  });
});

describe('preload boundary (eslint)', () => {
  it('lets the preload import shared/ipc and nothing else of ours', async () => {
    expect(await restrictedImports('electron/preload/index.ts', "import { contract } from '../../shared/ipc/contract';\nexport const a = contract;\n")).toHaveLength(0);
    expect(await restrictedImports('electron/preload/index.ts', "import { createCore } from '../core/create-core';\nexport const a = createCore;\n")).not.toHaveLength(0);
    expect(await restrictedImports('electron/preload/index.ts', "import { x } from '../../shared/domain/csv';\nexport const a = x;\n")).not.toHaveLength(0);
    expect(await restrictedImports('electron/preload/index.ts', "import { resolveInsideRoot } from './path-guard';\nexport const a = resolveInsideRoot;\n")).not.toHaveLength(0);
  });
});
