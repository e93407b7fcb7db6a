/**
 * Hooks that read the official tables through the bridge (`tabelle.voci`,
 * `tabelle.statiEsteri`) and register what they read in tabelle-dati.ts,
 * so the forms' pure logic can describe and check the codes.
 */
import { useEffect, useState } from 'react';
import { bridge, unwrap } from '../../../bridge';
import { registraStati, registraTabella, statoNoto, tabellaRegistrata, type StatoUfficiale, type Voce } from '../../../../../shared/anpr/moduli/tabelle-dati';

export type StatoTabella = { stato: 'caricamento' } | { stato: 'pronta' } | { stato: 'errore'; messaggio: string };

const inCorso = new Map<number, Promise<void>>();

/** Loads a table once per session (a failed load is retried at the next call). */
function caricaTabella(numero: number): Promise<void> {
  if (tabellaRegistrata(numero)) return Promise.resolve();
  let p = inCorso.get(numero);
  if (!p) {
    if (!bridge) return Promise.reject(new Error('Collegamento con il programma non disponibile.'));
    p = unwrap(bridge.tabelle.voci({ tabella: numero }))
      .then((t) => registraTabella(numero, t.voci.map((v): Voce => ({ codice: v.codice, descrizione: v.descrizione }))))
      .finally(() => inCorso.delete(numero));
    inCorso.set(numero, p);
  }
  return p;
}

/** Whether the official table `numero` is loaded (its descriptions are then in tabelle-dati.ts). */
export function useTabella(numero: number): StatoTabella {
  const [stato, setStato] = useState<StatoTabella>(() => (tabellaRegistrata(numero) ? { stato: 'pronta' } : { stato: 'caricamento' }));
  useEffect(() => {
    let attivo = true;
    if (tabellaRegistrata(numero)) {
      setStato({ stato: 'pronta' });
      return;
    }
    setStato({ stato: 'caricamento' });
    caricaTabella(numero).then(
      () => attivo && setStato({ stato: 'pronta' }),
      (e: unknown) => attivo && setStato({ stato: 'errore', messaggio: e instanceof Error ? e.message : 'Errore sconosciuto.' }),
    );
    return () => {
      attivo = false;
    };
  }, [numero]);
  return stato;
}

let statiInCorso: Promise<void> | null = null;

/**
 * Registers the whole of Tabella 2 once per session (one read per first digit
 * of the ISTAT code), so the forms' checks and payloads know every state a
 * draft may carry, also before its field has looked it up.
 */
function caricaStatiEsteri(): Promise<void> {
  if (!bridge) return Promise.resolve();
  const b = bridge;
  statiInCorso ??= Promise.all(
    ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((cifra) => unwrap(b.tabelle.statiEsteri({ testo: cifra, limite: 500 }))),
  )
    // Registered together, as the whole table: from then on an unknown code is refused at its field.
    .then((parti) => registraStati(parti.flat(), { completa: true }))
    .catch(() => {
      statiInCorso = null;
    });
  return statiInCorso;
}

/**
 * The foreign states matching what the clerk typed (code prefix or name), for the
 * type-ahead, and the state of a complete 3-digit code (undefined while unknown).
 * Everything read is registered, so the payload can carry the official name.
 */
export function useStatiEsteri(testo: string): { proposte: StatoUfficiale[]; stato: StatoUfficiale | undefined; cercando: boolean } {
  const q = testo.trim();
  const [proposte, setProposte] = useState<StatoUfficiale[]>([]);
  const [cercando, setCercando] = useState(false);
  useEffect(() => {
    void caricaStatiEsteri();
  }, []);
  useEffect(() => {
    if (!q || !bridge) {
      setProposte([]);
      setCercando(false);
      return;
    }
    let attivo = true;
    setCercando(true);
    unwrap(bridge.tabelle.statiEsteri({ testo: q, limite: 50 }))
      .then((r) => {
        registraStati(r);
        if (!attivo) return;
        setProposte(r.map((s) => ({ codice: s.codice, denominazione: s.denominazione, belfiore: s.belfiore ?? '' })));
      })
      .catch(() => attivo && setProposte([]))
      .finally(() => attivo && setCercando(false));
    return () => {
      attivo = false;
    };
  }, [q]);
  return { proposte, stato: /^\d{3}$/.test(q) ? statoNoto(q) : undefined, cercando };
}
