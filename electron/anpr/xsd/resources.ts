/**
 * Locates `resources/anpr` (WSDL/XSD, error lists) at runtime: explicit
 * override, then `ANPR_RESOURCES_DIR`, then Electron's `process.resourcesPath`
 * (packaged app), then the working tree (dev, tests, CLI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let override: string | undefined;

export function setAnprResourcesDir(dir: string | undefined): void {
  override = dir;
}

function moduleDir(): string | undefined {
  try {
    const url = import.meta.url;
    return url ? path.dirname(fileURLToPath(url)) : undefined;
  } catch {
    return undefined;
  }
}

function candidates(): string[] {
  const out: string[] = [];
  if (override) out.push(override);
  if (process.env.ANPR_RESOURCES_DIR) out.push(process.env.ANPR_RESOURCES_DIR);
  const rp = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (rp) out.push(path.join(rp, 'anpr'), path.join(rp, 'resources', 'anpr'));
  const md = moduleDir();
  if (md) {
    let d = md;
    for (let i = 0; i < 6; i++) {
      out.push(path.join(d, 'resources', 'anpr'));
      d = path.dirname(d);
    }
  }
  out.push(path.resolve(process.cwd(), 'resources', 'anpr'));
  return out;
}

let resolved: string | undefined;

export function anprResourcesDir(): string {
  if (override) return override;
  if (resolved) return resolved;
  for (const c of candidates()) {
    if (fs.existsSync(path.join(c, 'wsdl'))) {
      resolved = c;
      return c;
    }
  }
  throw new Error('resources/anpr not found (set ANPR_RESOURCES_DIR)');
}

export function anprResourcePath(...parts: string[]): string {
  return path.join(anprResourcesDir(), ...parts);
}
