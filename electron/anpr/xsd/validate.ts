/**
 * Real XSD validation of ANPR message bodies with libxml2 (libxml2-wasm).
 *
 * Each family's main schema is compiled once per process, lazily on its first
 * use, and the compiled validator is kept. Measured on the 2-core dev box:
 * loading libxml2-wasm takes ~0.5 s once per process (asynchronous: module
 * load and WASM instantiation); compiling a family's schema set (which
 * imports the 150 KB tipoDato.xsd) blocks for ~40-60 ms on its first use.
 * After that a realistic 5005 costs ~0.3-0.7 ms (the xmldom security
 * pre-check included), so this can run on every outgoing message without a
 * worker.
 *
 * The schema imports (`xs:import schemaLocation="…"`) are served by an input
 * provider that knows only the .xsd files of the registered schema folders,
 * under a virtual path: libxml2 never touches the real file system and a
 * schema cannot pull in anything else.
 *
 * libxml2-wasm is an ES module with top-level await, so it is loaded with a
 * dynamic `import()` (the Electron main bundle is CommonJS and keeps it
 * external). Every parsed body document is disposed right after validation.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Libxml2Module from 'libxml2-wasm';
import type { ErrorDetail, XmlDocument, XmlInputProvider, XsdValidator } from 'libxml2-wasm';
import { SERVICES, type ServiceCode, type ServiceInfo } from '../services/registry';
import { parseXmlSafely, XmlParseError, XmlSecurityError, localNameOf } from '../xml/safe';
import { anprResourcePath } from './resources';

export interface XsdError {
  line?: number;
  message: string;
}

export type XsdResult = { valid: true } | { valid: false; errors: XsdError[] };

type Libxml2 = typeof Libxml2Module;

/** Virtual root under which the schema folders are shown to libxml2. */
const VIRTUAL_ROOT = '/anpr-xsd/';
/** URL given to every parsed body, so its errors can be told from the schemas'. */
const BODY_URL = 'body.xml';

/**
 * Serves the .xsd files of the registered schema folders from memory. Names
 * are virtual paths (`/anpr-xsd/<schemaDir>/<file>.xsd`); anything else is
 * not matched, so libxml2 falls back to its own (empty, in-memory) I/O.
 */
class SchemaFolderProvider implements XmlInputProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Set<string>();
  private readonly open_ = new Map<number, { data: Uint8Array; pos: number }>();
  private nextFd = 1;

  /** Loads every .xsd of `schemaDir` (once) and returns its virtual folder. */
  addFolder(schemaDir: string): string {
    const virtualDir = `${VIRTUAL_ROOT}${schemaDir.split(path.sep).join('/')}/`;
    if (!this.folders.has(virtualDir)) {
      const dir = anprResourcePath(schemaDir);
      for (const f of fs.readdirSync(dir)) {
        if (f.endsWith('.xsd')) this.files.set(virtualDir + f, fs.readFileSync(path.join(dir, f)));
      }
      this.folders.add(virtualDir);
    }
    return virtualDir;
  }

  file(name: string): Uint8Array | undefined {
    return name.endsWith('.xsd') ? this.files.get(path.posix.normalize(name)) : undefined;
  }

  clear(): void {
    this.files.clear();
    this.folders.clear();
  }

  match = (filename: string): boolean => this.file(filename) !== undefined;

  open = (filename: string): number | undefined => {
    const data = this.file(filename);
    if (!data) return undefined;
    const fd = this.nextFd++;
    this.open_.set(fd, { data, pos: 0 });
    return fd;
  };

  read = (fd: number, buf: Uint8Array): number => {
    const f = this.open_.get(fd);
    if (!f) return -1;
    const n = Math.min(buf.byteLength, f.data.byteLength - f.pos);
    buf.set(f.data.subarray(f.pos, f.pos + n));
    f.pos += n;
    return n;
  };

  close = (fd: number): boolean => this.open_.delete(fd);
}

interface Compiled {
  schemaDoc: XmlDocument;
  validator: XsdValidator;
}

let libPromise: Promise<Libxml2> | undefined;
const provider = new SchemaFolderProvider();
/** Compiled validators by `schemaDir/mainSchema`. */
const compiled = new Map<string, Compiled>();
let compileCount = 0;

function libxml2(): Promise<Libxml2> {
  libPromise ??= import('libxml2-wasm').then((lib) => {
    if (!lib.xmlRegisterInputProvider(provider)) throw new Error('libxml2: cannot register the XSD input provider');
    return lib;
  });
  return libPromise;
}

/** How many schemas this process has compiled (for tests: proves reuse). */
export function xsdCompileCount(): number {
  return compileCount;
}

/** Drops the compiled schemas (tests, or after resources are updated). */
export function clearXsdCache(): void {
  for (const c of compiled.values()) {
    c.validator.dispose();
    c.schemaDoc.dispose();
  }
  compiled.clear();
  provider.clear();
}

function compile(lib: Libxml2, info: ServiceInfo): Compiled {
  const key = `${info.schemaDir}/${info.mainSchema}`;
  let c = compiled.get(key);
  if (c) return c;
  const url = provider.addFolder(info.schemaDir) + info.mainSchema;
  const main = provider.file(url);
  if (!main) throw new Error(`Schema ${info.mainSchema} missing in ${info.schemaDir}`);
  const schemaDoc = lib.XmlDocument.fromBuffer(main, { url });
  try {
    const validator = lib.XsdValidator.fromDoc(schemaDoc);
    c = { schemaDoc, validator };
  } catch (err) {
    schemaDoc.dispose();
    throw err;
  }
  compiled.set(key, c);
  compileCount++;
  return c;
}

/** Same wording as xmllint (`<domain> <level> : <message>`), which the clerk-facing translation expects. */
function toXsdErrors(details: readonly ErrorDetail[], domain: string): XsdError[] {
  return details
    .map((d) => {
      const out: XsdError = { message: `${domain} ${d.level === 1 ? 'warning' : 'error'} : ${d.message.trim()}` };
      if (d.file === BODY_URL && Number.isFinite(d.line) && d.line > 0) out.line = d.line;
      return { out, text: d.message.trim() };
    })
    .filter((e) => e.text !== '' && !/fails to validate$/.test(e.text))
    .map((e) => e.out);
}

async function runLibxml2(xml: string, info: ServiceInfo): Promise<XsdResult> {
  const lib = await libxml2();
  const { validator } = compile(lib, info);
  let doc: XmlDocument;
  try {
    doc = lib.XmlDocument.fromString(xml, { url: BODY_URL, option: lib.ParseOption.XML_PARSE_NONET });
  } catch (err) {
    if (err instanceof lib.XmlParseError) {
      const errors = toXsdErrors(err.details, 'parser');
      return { valid: false, errors: errors.length ? errors : [{ message: `XML non valido: ${err.message}` }] };
    }
    throw err;
  }
  try {
    validator.validate(doc);
    return { valid: true };
  } catch (err) {
    if (err instanceof lib.XmlValidateError) {
      const errors = toXsdErrors(err.details, 'Schemas validity');
      return { valid: false, errors: errors.length ? errors : [{ message: err.message.trim() || 'Validazione XSD fallita' }] };
    }
    if (err instanceof lib.XmlError) return { valid: false, errors: [{ message: `Validazione XSD non eseguita: ${err.message}` }] };
    throw err;
  } finally {
    doc.dispose();
  }
}

function checkRoot(xml: string, info: ServiceInfo, expected: string): XsdResult | undefined {
  try {
    const doc = parseXmlSafely(xml);
    const rootEl = doc.documentElement!;
    const ln = localNameOf(rootEl);
    if (ln !== expected || rootEl.namespaceURI !== info.namespace) {
      return {
        valid: false,
        errors: [
          {
            line: 1,
            message: `Elemento radice atteso {${info.namespace}}${expected}, trovato {${rootEl.namespaceURI ?? ''}}${ln}`,
          },
        ],
      };
    }
    return undefined;
  } catch (err) {
    if (err instanceof XmlSecurityError || err instanceof XmlParseError) {
      return { valid: false, errors: [{ message: `XML non valido: ${err.message}` }] };
    }
    throw err;
  }
}

/**
 * Validates a `Richiesta<CODE>` (namespace-qualified root, e.g.
 * `ns2:Richiesta3002`) against the official XSD of the service family.
 * The root must be the service's request element (a valid Richiesta3001
 * is NOT accepted as a 3002).
 */
export async function validateRequestBody(xml: string, service: ServiceCode): Promise<XsdResult> {
  const info = SERVICES[service];
  const bad = checkRoot(xml, info, info.requestElement);
  if (bad) return bad;
  return runLibxml2(xml, info);
}

/**
 * Validates a `Risposta<CODE>` body (the SOAP Body child, not the envelope).
 * For 6001 pass the body with `certificatoPdf` as inline base64 (an unresolved
 * `xop:Include` is not valid base64Binary).
 */
export async function validateResponseBody(xml: string, service: ServiceCode): Promise<XsdResult> {
  const info = SERVICES[service];
  const bad = checkRoot(xml, info, info.responseElement);
  if (bad) return bad;
  return runLibxml2(xml, info);
}
