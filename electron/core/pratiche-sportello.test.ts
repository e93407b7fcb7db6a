/**
 * Issue 12, items 7, 9, 10: the follow-up of a warning, the annulled state,
 * the queue that explains why it waits (and who may pause or resolve it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../features/coda/testing/harness';
import { corpoFinto } from '../features/coda/testing/fake-anpr';
import type { Queue } from '../features/coda/queue';
import type { Pratica } from '../features/coda/types';
import { bloccoDellaCoda } from './coda';
import { annullamentiPer } from '../features/pratiche/annullamenti';
import { codiceFiscaleDi, idFamigliaDi } from '../features/pratiche/vista';
import { esitoInviaOra } from '../features/pratiche/bozze';
import { consentito, permessoDi } from './permissions';
import { payloadSeguito, SEGUITI, seguitoEsistente, seguitoPer } from '../features/pratiche/seguiti';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const add = (q: Queue, pratica: string) => q.aggiungi({ servizio: '5005', formato: 'xml', payload: { xml: corpoFinto('5005', pratica, {}) } });

const senzaMetadati: Pratica['metadati'] = { valoriModulo: null, variante: null, daAnnullare: null, avviataPer: null, seguitoDi: null, richiesta: null };
const pratica = (p: Partial<Pratica>): Pratica =>
  ({ id: 'p1', servizio: '2001', stato: 'accolta_con_avvisi', payload: {}, metadati: senzaMetadati, errori: [], scartata: null, aggiornata: '2026-12-01T10:00:00.000Z', ...p }) as Pratica;
/** An annulment draft of `praticaId` (the reference is a column of the pratica, no longer in its payload). */
const annulla = (praticaId: string): Pick<Pratica, 'metadati'> => ({
  metadati: { ...senzaMetadati, daAnnullare: { praticaId, servizio: '2001', idOperazioneComune: '1', idOperazioneANPR: '2', dataDecorrenza: null } },
});

/** A pratica A left "on the wire" by a crash, and B waiting behind it (the queue restarted). */
async function codaFermaDopoCrash(): Promise<{ q: Queue; a: string; b: string }> {
  h = createHarness();
  const a = await add(h.queue, 'A');
  const b = await add(h.queue, 'B');
  h.faults.push('crash_dopo');
  let crashed!: () => void;
  const crash = new Promise<void>((r) => (crashed = r));
  h.anpr.onCrash(crashed);
  await Promise.race([h.queue.drain(), crash]);
  return { q: h.restart(), a, b };
}

describe('the follow-up of a warning (warning code → service, prefill)', () => {
  it('offers for EN225 a 5001 naming the new head, only on an accepted pratica', () => {
    expect(SEGUITI['EN225']).toMatchObject({ servizio: '5001', etichetta: 'Nomina il nuovo intestatario (5001)' });
    expect(seguitoPer(pratica({}), { codice: 'EN225', tipo: 'W' })?.servizio).toBe('5001');
    expect(seguitoPer(pratica({}), { codice: 'EN111', tipo: 'W' })).toBeNull();
    expect(seguitoPer(pratica({ stato: 'respinta' }), { codice: 'EN225', tipo: 'W' })).toBeNull();
    expect(seguitoPer(pratica({ scartata: '2026-12-01T10:00:00.000Z' }), { codice: 'EN225', tipo: 'W' })).toBeNull();
    // Every code in the table is a warning of the official list that names an operation to do next.
    expect(Object.keys(SEGUITI).sort()).toEqual(['EN219', 'EN225', 'EN226', 'EN310']);
  });

  it('pre-fills the 5001 with the family and the survivors: the spouse as new head, the deceased left out', () => {
    const p = pratica({
      payload: { generalitaPerRicerca: { idSchedaSoggettoANPR: '100', cognome: 'ROSSI', nome: 'MARIO' } },
      // The family the 2001 form read with the deceased, in its values.
      metadati: {
        ...senzaMetadati,
        valoriModulo: {
          famiglia: {
            idFamigliaConvivenzaANPR: '900',
            componenti: [
              { idSchedaSoggettoANPR: '100', cognome: 'ROSSI', nome: 'MARIO', relazione: 'Intestatario Scheda' },
              { idSchedaSoggettoANPR: '102', codiceFiscale: 'RSSLCU10A01A001A', cognome: 'ROSSI', nome: 'LUCA', relazione: 'Figlio / Figlia' },
              { idSchedaSoggettoANPR: '101', cognome: 'BIANCHI', nome: 'ANNA', relazione: 'Marito / Moglie' },
            ],
          },
        },
      },
    });
    const bozza = payloadSeguito(p, 'EN225', SEGUITI['EN225']!, '2026-12-03');
    const payload = bozza.payload as {
      famigliaConvivenza: { idFamigliaConvivenzaANPR: string };
      elencoSoggettiFamiglia: { generalita: { idSchedaSoggettoANPR?: string }; legameSoggetto: { codiceLegame: string } }[];
      datiControllo: { tipoMutazione: string };
    };
    expect(payload.famigliaConvivenza.idFamigliaConvivenzaANPR).toBe('900');
    expect(payload.datiControllo.tipoMutazione).toBe('1');
    expect(payload.elencoSoggettiFamiglia.map((c) => [c.generalita.idSchedaSoggettoANPR, c.legameSoggetto.codiceLegame])).toEqual([
      ['101', '1'],
      ['102', '3'],
    ]);
    expect(bozza.seguitoDi).toEqual({ praticaId: 'p1', servizio: '2001', codice: 'EN225' });
    expect(bozza.avviataPer).toBe('BIANCHI ANNA');
    expect(Object.keys(payload).filter((k) => k.startsWith('_'))).toEqual([]);
    const draft = pratica({ id: 'p2', servizio: '5001', stato: 'bozza', payload, metadati: { ...senzaMetadati, seguitoDi: bozza.seguitoDi } });
    expect(seguitoEsistente([draft], 'p1', 'EN225')?.id).toBe('p2');
    expect(seguitoEsistente([{ ...draft, scartata: '2026-12-03T10:00:00.000Z' }], 'p1', 'EN225')).toBeUndefined();
  });
});

describe('the pratiche list', () => {
  it('finds the codice fiscale and the family where the service puts them', () => {
    const p = pratica({ servizio: '5005', payload: { generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '900' }, elencoSoggettiFamiglia: [{ generalita: { codiceFiscale: { codFiscale: 'rssmra80a01h501u' } } }] } });
    expect(codiceFiscaleDi(p)).toBe('RSSMRA80A01H501U');
    expect(idFamigliaDi(p)).toBe('900');
    // A 2003 names a person, never a family (whatever else its data hold).
    expect(idFamigliaDi(pratica({ servizio: '2003', payload: { generalitaPerRicerca: { cognome: 'A', nome: 'B' }, destinazione: { idFamigliaConvivenzaANPR: '1' } } }))).toBeNull();
  });
});

describe('the annulled state', () => {
  it('comes from the accepted annulment; a discarded one does not count, a drafted one is "in corso"', () => {
    const annullata = pratica({ id: 'a' });
    const inCorso = pratica({ id: 'b' });
    const an1 = pratica({ id: 'x1', servizio: '2011', stato: 'respinta', ...annulla('a'), aggiornata: '2026-12-01T11:00:00.000Z' });
    const an2 = pratica({ id: 'x2', servizio: '2011', stato: 'accolta', ...annulla('a'), aggiornata: '2026-12-01T10:30:00.000Z' });
    const an3 = pratica({ id: 'x3', servizio: '2011', stato: 'bozza', ...annulla('b') });
    const scartata = pratica({ id: 'x4', servizio: '2011', stato: 'bozza', ...annulla('c'), scartata: '2026-12-01T12:00:00.000Z' });
    const m = annullamentiPer([annullata, inCorso, an1, an2, an3, scartata]);
    expect(m.get('a')).toMatchObject({ praticaId: 'x2', stato: 'accolta', servizio: '2011' });
    expect(m.get('b')).toMatchObject({ praticaId: 'x3', stato: 'bozza' });
    expect(m.has('c')).toBe(false);
  });
});

describe('a blocked queue explains itself', () => {
  it('names the pratica that holds it, why, and how many wait; "Invia ora" on another says why it is not sent', async () => {
    const { q, a, b } = await codaFermaDopoCrash();
    const blocco = bloccoDellaCoda(q);
    expect(blocco).toMatchObject({ praticaId: a, servizio: '5005', stato: 'esito_incerto', inAttesa: 1 });
    expect(blocco!.perche).toMatch(/la risposta non è arrivata/);
    expect(esitoInviaOra(q, b)).toMatch(/^Non inviata adesso: la coda è ferma finché non si chiarisce l'esito della pratica 5005 Cambio di residenza/);
    q.pause();
    expect(esitoInviaOra(q, b)).toMatch(/l'invio è sospeso/);
    q.resume();
    expect(esitoInviaOra(q, a)).toBe('Nuovo tentativo in corso, con lo stesso identificativo.');
  });

  it('"Verifica ora in ANPR" asks 3003 and applies what ANPR answers; then nothing holds the queue', async () => {
    const { q, a } = await codaFermaDopoCrash();
    const r = await q.verificaOra('RSSMRA80A01H501U');
    expect(r).toMatchObject({ praticaId: a, stato: 'accolta', trovata: true });
    expect(bloccoDellaCoda(q)).toBeNull();
    expect(await q.verificaOra()).toBeNull();
    expect(h!.db.prepare("SELECT COUNT(*) FROM audit_log WHERE azione = 'verifica_richiesta' AND pratica_id = ?").pluck().get(a)).toBe(1);
  });

  it('the ufficiale resolves it by hand (audited with the note); nothing else can be resolved so', async () => {
    const { q, a, b } = await codaFermaDopoCrash();
    const p = q.risolviAMano(a, 'accolta', { nota: 'Visto nella web app ANPR', idOperazioneANPR: '4100000001' }, 'UFFICIALE');
    expect(p).toMatchObject({ stato: 'accolta', idOperazioneANPR: '4100000001' });
    expect(bloccoDellaCoda(q)).toBeNull();
    const audit = h!.db.prepare("SELECT operatore, dettaglio FROM audit_log WHERE azione = 'risolta_a_mano_accolta'").get() as { operatore: string; dettaglio: string };
    expect(audit).toEqual({ operatore: 'UFFICIALE', dettaglio: 'Visto nella web app ANPR' });
    expect(() => q.risolviAMano(b, 'respinta', { nota: 'x' })).toThrow(/esito da verificare/);
  });

  it('only the ufficiale d’anagrafe (and the amministratore) pause the queue or resolve by hand; an operatore verifies', () => {
    for (const c of ['coda.pausa', 'coda.riprendi', 'coda.risolvi'] as const) {
      expect(consentito(permessoDi(c), 'operatore'), c).toBe(false);
      expect(consentito(permessoDi(c), 'sola_lettura'), c).toBe(false);
      expect(consentito(permessoDi(c), 'ufficiale_anagrafe'), c).toBe(true);
      expect(consentito(permessoDi(c), 'amministratore'), c).toBe(true);
    }
    expect(consentito(permessoDi('coda.verifica'), 'operatore')).toBe(true);
    expect(consentito(permessoDi('coda.verifica'), 'sola_lettura')).toBe(false);
    expect(consentito(permessoDi('pratiche.seguito'), 'operatore')).toBe(true);
  });
});
