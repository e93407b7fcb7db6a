/**
 * The anomaly list's data in the renderer: a window cache over the core's
 * `anomalie.elenco` (pages of 100 rows fetched as the virtual list scrolls),
 * file upload in blocks, and the download of an export.
 */
import type {
  AnomaliaRiga,
  ElencoAnomalie,
  EsitoImportazione,
  FiltriAnomalie,
  OrdinamentoAnomalie,
  Raggruppamento,
} from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';

export const PAGINA = 100;

export interface Vista {
  filtri: FiltriAnomalie;
  ordinamento: OrdinamentoAnomalie;
  raggruppamento: Raggruppamento;
}

export interface Gruppo {
  etichetta: string;
  righe: number;
}

/** Pages of one view; a new view (filters, order, grouping) starts a new cache. */
export class CacheFinestre {
  readonly pagine = new Map<number, AnomaliaRiga[]>();
  readonly gruppi = new Map<string, Gruppo>();
  private inCorso = new Set<number>();
  constructor(
    readonly vista: Vista,
    private readonly onCaricata: () => void,
  ) {}

  riga(i: number): AnomaliaRiga | undefined {
    return this.pagine.get(Math.floor(i / PAGINA))?.[i % PAGINA];
  }

  accetta(pagina: number, elenco: ElencoAnomalie): void {
    this.pagine.set(pagina, elenco.righe);
    for (const g of elenco.gruppi) this.gruppi.set(g.gruppo, { etichetta: g.etichetta, righe: g.righe });
  }

  /** Fetches the pages covering rows [da, a] not loaded yet. */
  assicura(da: number, a: number): void {
    if (!bridge) return;
    for (let p = Math.floor(Math.max(0, da) / PAGINA); p <= Math.floor(Math.max(0, a) / PAGINA); p++) {
      if (this.pagine.has(p) || this.inCorso.has(p)) continue;
      this.inCorso.add(p);
      void unwrap(bridge.anomalie.elenco({ ...this.vista, offset: p * PAGINA, limite: PAGINA, conTotale: false }))
        .then((elenco) => {
          this.accetta(p, elenco);
          this.onCaricata();
        })
        .catch(() => undefined)
        .finally(() => this.inCorso.delete(p));
    }
  }
}

const BLOCCO = 384 * 1024;

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Sends a file in blocks (the web host accepts 1 MB per request), then imports it. */
export async function caricaEImporta(file: File, destinazione: 'anomalie' | 'catalogo', avanzamento: (frazione: number) => void): Promise<EsitoImportazione> {
  if (!bridge) throw new Error('Sessione non valida.');
  const dati = new Uint8Array(await file.arrayBuffer());
  let caricamentoId: string | undefined;
  for (let i = 0; i < dati.length || i === 0; i += BLOCCO) {
    const risposta = await unwrap(
      bridge.anomalie.caricaBlocco({ ...(caricamentoId ? { caricamentoId } : {}), nomeFile: file.name, bloccoBase64: base64(dati.subarray(i, i + BLOCCO)) }),
    );
    caricamentoId = risposta.caricamentoId;
    avanzamento(Math.min(1, (i + BLOCCO) / Math.max(1, dati.length)));
    if (dati.length === 0) break;
  }
  return unwrap(bridge.anomalie.importaFile({ caricamentoId: caricamentoId!, destinazione }));
}

/** Saves bytes as a download (a Blob link: works in the browser and in Electron). */
export function scarica(nomeFile: string, mime: string, contenutoBase64: string): void {
  const bin = atob(contenutoBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = nomeFile;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
