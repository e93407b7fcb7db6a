/**
 * The XSD validation path used before issue 14, kept only as the bench
 * baseline: one xmllint-wasm run per call (worker + WASM start, then the
 * family's whole XSD set recompiled from the in-memory files).
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import type { ServiceInfo } from '../electron/anpr/services/registry';
import { anprResourcePath } from '../electron/anpr/xsd/resources';
import type { XsdError, XsdResult } from '../electron/anpr/xsd/validate';

const schemaCache = new Map<string, XMLFileInfo[]>();

function schemaFiles(schemaDir: string): XMLFileInfo[] {
  let files = schemaCache.get(schemaDir);
  if (!files) {
    const dir = anprResourcePath(schemaDir);
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.xsd'))
      .sort()
      .map((f) => ({ fileName: f, contents: fs.readFileSync(path.join(dir, f), 'utf8') }));
    schemaCache.set(schemaDir, files);
  }
  return files;
}

const BODY_FILE = 'body.xml';

/** The old `runXmllint`: schema checks only (no root or security pre-check). */
export async function validateWithXmllint(xml: string, info: ServiceInfo): Promise<XsdResult> {
  const files = schemaFiles(info.schemaDir);
  const main = files.find((f) => f.fileName === info.mainSchema);
  if (!main) throw new Error(`Schema ${info.mainSchema} missing in ${info.schemaDir}`);
  const res = await validateXML({
    xml: { fileName: BODY_FILE, contents: xml },
    schema: main,
    preload: files.filter((f) => f !== main),
    maxMemoryPages: 2048,
  });
  if (res.valid) return { valid: true };
  const errors: XsdError[] = res.errors
    .map((e) => {
      const out: XsdError = { message: e.message };
      if (e.loc && e.loc.fileName === BODY_FILE && Number.isFinite(e.loc.lineNumber)) out.line = e.loc.lineNumber;
      return out;
    })
    .filter((e) => e.message.trim() !== '' && !/fails to validate$/.test(e.message.trim()));
  if (errors.length === 0) errors.push({ message: res.rawOutput.trim() || 'Validazione XSD fallita' });
  return { valid: false, errors };
}
