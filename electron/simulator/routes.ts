/**
 * The real ANPR endpoint paths, and the official WSDLs served at `?wsdl`
 * (soap:address rewritten to the simulator) with their schemas next to them
 * (`/ANPR1000ServiziIscrizione/1000iscrizione.xsd`, as the relative imports resolve).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { FAMILIES, SERVICES, type FamilyInfo, type ServiceCode } from '../anpr/services/registry';
import { anprResourcePath } from '../anpr/xsd/resources';

export function familyByPath(pathname: string): FamilyInfo | undefined {
  return Object.values(FAMILIES).find((f) => f.endpointPath === pathname);
}

/** The service of a request: its endpoint path and body root element (namespace included). */
export function serviceFor(pathname: string, rootLocalName: string, rootNamespace: string | null): ServiceCode | undefined {
  const hit = Object.values(SERVICES).find((s) => s.endpointPath === pathname && s.requestElement === rootLocalName && s.namespace === rootNamespace);
  return hit?.code;
}

const wsdlCache = new Map<string, string>();

export function wsdlFor(f: FamilyInfo, baseUrl: string): string {
  let raw = wsdlCache.get(f.family);
  if (!raw) {
    raw = readFileSync(anprResourcePath(f.wsdl), 'utf8');
    wsdlCache.set(f.family, raw);
  }
  return raw.replace(/(<(?:\w+:)?address\s+location=")[^"]*(")/, `$1${baseUrl}${f.endpointPath}$2`);
}

/** A schema/policy file of the family, by the name used in relative imports. */
export function schemaFileFor(pathname: string): Buffer | undefined {
  const dir = dirname(pathname);
  const name = basename(pathname);
  const f = Object.values(FAMILIES).find((x) => dirname(x.endpointPath) === dir);
  if (!f || !/^[\w.-]+\.(xsd|xml)$/.test(name)) return undefined;
  const folder = anprResourcePath(dirname(f.wsdl));
  if (!readdirSync(folder).includes(name)) return undefined;
  return readFileSync(`${folder}/${name}`);
}
