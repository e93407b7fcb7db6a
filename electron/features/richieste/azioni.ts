/**
 * The actions a request sheet offers: exactly the changes the state machine
 * (shared/anpr/richieste/stati.ts) allows the comune from the current state,
 * each with what ANPR requires (notes, motive), plus the extension where the
 * type has one. Pure.
 */
import { AZIONI_STATO, PROROGABILI, STATI_FINALI, STATI_RICHIESTA, MACCHINE, MOTIVI_IRRICEVIBILITA, type StatoRichiesta } from '../../../shared/anpr/richieste/stati';
import type { TipologiaRichiesta } from '../../../shared/anpr/servizi/P001';
import type { AzioneRichiesta } from '../../../shared/ipc/domains/richieste';

const AVVERTENZE: Partial<Record<StatoRichiesta, string>> = {
  '8': 'La richiesta viene chiusa come irricevibile: il cittadino dovrà presentarne una nuova.',
  '4': 'La richiesta viene chiusa e annullata: non potrà più essere modificata.',
  '5': 'La richiesta viene chiusa come accolta definitivamente: non potrà più essere modificata.',
  '6': 'La richiesta può essere sospesa una sola volta: il cittadino la integra dal portale.',
  '9': "Il cittadino ha 10 giorni per presentare osservazioni (art. 10-bis L. 241/1990).",
};

export function azioniDa(tipologia: string, stato: string): AzioneRichiesta[] {
  const macchina = MACCHINE[tipologia as TipologiaRichiesta];
  if (!macchina || STATI_FINALI.includes(stato as StatoRichiesta)) return [];
  const cambi = Object.entries(macchina[stato as StatoRichiesta] ?? {}).map(([verso, t]) => ({
    verso,
    etichetta: AZIONI_STATO[verso as StatoRichiesta] ?? `Passa a «${STATI_RICHIESTA[verso as StatoRichiesta]}»`,
    versoTitolo: STATI_RICHIESTA[verso as StatoRichiesta] ?? `Stato ${verso}`,
    noteObbligatorie: t?.note === true,
    motivoObbligatorio: t?.motivo === true,
    avvertenza: AVVERTENZE[verso as StatoRichiesta] ?? null,
  }));
  const proroga: AzioneRichiesta[] = PROROGABILI.includes(tipologia as TipologiaRichiesta)
    ? [{ verso: 'proroga', etichetta: 'Chiedi la proroga', versoTitolo: null, noteObbligatorie: false, motivoObbligatorio: false, avvertenza: 'La scadenza della richiesta è prorogata di 30 giorni.' }]
    : [];
  return [...cambi, ...proroga];
}

/** Tabella 60, from the runtime tables when downloaded (7001), else the assumed list (docs/simulator.md). */
export function motiviIrricevibilita(daTabella?: readonly { codice: string; descrizione: string }[]): { codice: string; descrizione: string }[] {
  if (daTabella?.length) return [...daTabella];
  return Object.entries(MOTIVI_IRRICEVIBILITA).map(([codice, descrizione]) => ({ codice, descrizione }));
}
