import { describe, expect, it } from 'vitest';
import { createTestCore } from '../test-support/core';
import type { Core } from './create-core';
import { traduciProblema } from '../features/pratiche/problemi';

type Scheda = { tipo: string; attiva: boolean; idFamigliaConvivenzaANPR: string; componenti: string[]; intestatarioId?: string };

async function call<T>(core: Core, channel: string, payload?: unknown): Promise<T> {
  const r = await core.router.dispatch(channel, payload, { transport: 'test' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

async function famiglia(core: Core): Promise<Scheda> {
  await core.anpr.client();
  const sim = core.anpr.simulatore()!;
  return (sim.admin.store.db.prepare('SELECT doc FROM schede ORDER BY rowid').all() as { doc: string }[])
    .map((row) => JSON.parse(row.doc) as Scheda)
    .find((s) => s.tipo === 'famiglia' && s.attiva && s.componenti.length >= 2)!;
}

const oggi = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome' }).format(new Date());

function payload5005(idFamiglia: string) {
  return {
    generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: idFamiglia, tipoScheda: '1' },
    residenzaFamiglia: [
      {
        tipoIndirizzo: '1',
        indirizzo: { cap: '01022', comune: { nomeComune: 'BAGNOREGIO', codiceIstat: '056003', siglaProvinciaIstat: 'VT' }, toponimo: { specie: 'VIA', denominazioneToponimo: 'DEI MILLE' }, numeroCivico: { numero: '12' } },
      },
    ],
    datiControllo: { tipoMutazione: '2', tipoScheda: '1' },
  };
}

describe('pratiche over IPC (training simulator)', () => {
  it('saves drafts, reports problems in Italian, sends, explains refusals and feeds the anomaly lists', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    const fam = await famiglia(core);
    // An incomplete draft is always saved.
    const bozza = await call<{ id: string; stato: string; operatore: string }>(core, 'pratiche.salvaBozza', { servizio: '5005', payload: null, valoriModulo: { via: 'Gar' } });
    expect(bozza.stato).toBe('bozza');
    expect(bozza.operatore).toBe('TSTMRA80A01H501C');
    const ko = await call<{ ok: boolean; problemi: { messaggio: string; campo: string | null }[] }>(core, 'pratiche.rendiPronta', { id: bozza.id, conferma: true });
    expect(ko.ok).toBe(false);
    expect(ko.problemi.length).toBeGreaterThan(0);
    // Completed: pronta, then accepted by the dispatcher.
    await call(core, 'pratiche.salvaBozza', {
      id: bozza.id,
      servizio: '5005',
      payload: payload5005(fam.idFamigliaConvivenzaANPR),
      valoriModulo: { qualunque: 'valore' },
      dataDecorrenza: oggi(),
      soggettoKey: fam.componenti[0],
      protocollo: 'P-1',
      dataProtocollo: oggi(),
    });
    const ok = await call<{ ok: boolean; problemi: unknown[] }>(core, 'pratiche.rendiPronta', { id: bozza.id, conferma: true });
    expect(ok).toMatchObject({ ok: true, problemi: [] });
    // "Invia ora" on a pronta pratica just wakes the dispatcher.
    expect(await call<{ ok: boolean; pratica: { stato: string } }>(core, 'pratiche.invia', { id: bozza.id })).toMatchObject({ ok: true, pratica: { stato: 'pronta' } });
    await core.coda.start();
    const queue = await core.coda.queue();
    await expect.poll(() => queue.get(bozza.id)?.stato, { timeout: 20_000 }).toMatch(/^accolta/);
    const aperta = await call<{ supporto: { testo: string; idOperazioneANPR: string }; pratica: { scadenza: string } }>(core, 'pratiche.apri', { id: bozza.id });
    expect(aperta.supporto.idOperazioneANPR).toMatch(/^\d+$/);
    expect(aperta.supporto.testo).toContain('idOperazioneComune');
    expect(aperta.pratica.scadenza).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const scadenze = await call<{ tipo: string }[]>(core, 'pratiche.scadenze');
    expect(scadenze.map((s) => s.tipo)).toContain('accertamenti');

    // Refused: a decorrenza before the family's residence (EN237 or EN240); every error explained.
    const r = await call<{ id: string }>(core, 'pratiche.salvaBozza', { servizio: '5005', payload: payload5005(fam.idFamigliaConvivenzaANPR), dataDecorrenza: '1990-01-01', soggettoKey: fam.componenti[0] });
    expect((await call<{ ok: boolean }>(core, 'pratiche.rendiPronta', { id: r.id, conferma: true })).ok).toBe(true);
    await expect.poll(() => queue.get(r.id)?.stato, { timeout: 20_000 }).toBe('respinta');
    const rif = await call<{ errori: { codice: string; catalogo: { descrizione: string } | null }[] }>(core, 'pratiche.apri', { id: r.id });
    expect(rif.errori.length).toBeGreaterThan(0);
    expect(rif.errori[0]!.catalogo?.descrizione).toBeTruthy();
    // …in the lists of the environment that answered (training), the one the clerk is in.
    const inLista = async () =>
      (
        await call<{ totale: number }>(core, 'anomalie.elenco', {
          filtri: { codice: rif.errori[0]!.codice, fonte: ['risposta'] },
          ordinamento: { campo: 'rilevata', direzione: 'desc' },
          raggruppamento: 'nessuno',
          offset: 0,
          limite: 1,
          conTotale: true,
        })
      ).totale;
    await expect.poll(inLista, { timeout: 5_000 }).toBeGreaterThan(0);
    // Fixed and resent: accepted under a new id.
    await call(core, 'pratiche.salvaBozza', { id: r.id, servizio: '5005', payload: payload5005(fam.idFamigliaConvivenzaANPR), dataDecorrenza: oggi() });
    expect((await call<{ ok: boolean }>(core, 'pratiche.invia', { id: r.id, conferma: true })).ok).toBe(true);
    await expect.poll(() => queue.get(r.id)?.stato, { timeout: 20_000 }).toMatch(/^accolta/);

    // Annulment of the accepted one: a 5012 draft pointing at it.
    const ann = await call<{ servizio: string; id: string }>(core, 'pratiche.annulla', { id: bozza.id });
    expect(ann.servizio).toBe('5012');
    const apertaAnn = await call<{ daAnnullare: { praticaId: string }; payload: Record<string, unknown>; pratica: { daAnnullare: { praticaId: string } } }>(core, 'pratiche.apri', { id: ann.id });
    expect(apertaAnn.daAnnullare?.praticaId).toBe(bozza.id);
    expect(apertaAnn.pratica.daAnnullare?.praticaId).toBe(bozza.id);
    expect(apertaAnn.payload).toEqual({});
    // The form saves it again with its values: the reference stays as the core drafted it.
    const risalvata = await call<{ daAnnullare: { praticaId: string } | null }>(core, 'pratiche.salvaBozza', { id: ann.id, servizio: '5012', payload: null, valoriModulo: { motivo: 'x' } });
    expect(risalvata.daAnnullare?.praticaId).toBe(bozza.id);
    // A reference the core did not draft is refused.
    await expect(
      call(core, 'pratiche.salvaBozza', { servizio: '5012', payload: null, daAnnullare: { ...apertaAnn.daAnnullare, praticaId: r.id, idOperazioneANPR: '1' } }),
    ).rejects.toMatchObject({ code: 'ANNULLAMENTO_NON_VALIDO' });
    await core.dispose();
  }, 60_000);

  it("keeps the form's values, the variant and whom the pratica is for beside the payload, never in it", async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    // The contract types the payload by its service (strict): a hidden key, or any key its schema does not have, is refused there.
    const fam0 = { generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '900', tipoScheda: '1' }, datiControllo: { tipoMutazione: '2', tipoScheda: '1' } };
    for (const chiave of ['_modulo', '_variante', '_annulla', '_soggetto', 'chiaveSconosciuta']) {
      const r = await core.router.dispatch('pratiche.salvaBozza', { servizio: '5005', payload: { ...fam0, [chiave]: 'x' } }, { transport: 'test' });
      expect(r).toMatchObject({ ok: false, error: { code: 'RICHIESTA_NON_VALIDA' } });
      expect(JSON.stringify(!r.ok && r.error.details)).toContain(chiave);
    }
    // Another service's data under this service's code is refused too.
    expect(await core.router.dispatch('pratiche.salvaBozza', { servizio: '2003', payload: fam0 }, { transport: 'test' })).toMatchObject({ ok: false, error: { code: 'RICHIESTA_NON_VALIDA' } });
    const fam = fam0;
    const p = await call<{ id: string; variante: string | null; avviataPer: string | null; soggettoNome: string | null }>(core, 'pratiche.salvaBozza', {
      servizio: '5005',
      payload: fam,
      valoriModulo: { variante: 'altro-comune', via: 'Gar' },
      variante: 'altro-comune',
      avviataPer: 'Aiello Vincenzo',
    });
    expect(p).toMatchObject({ variante: 'altro-comune', avviataPer: 'Aiello Vincenzo', soggettoNome: 'AIELLO VINCENZO' });
    // A later save without them keeps them; a save with new values replaces them.
    await call(core, 'pratiche.salvaBozza', { id: p.id, servizio: '5005', payload: fam, valoriModulo: { variante: 'altro-comune', via: 'Garibaldi' } });
    const aperta = await call<{ payload: Record<string, unknown>; pratica: { valoriModulo: Record<string, unknown>; variante: string; avviataPer: string } }>(core, 'pratiche.apri', { id: p.id });
    expect(aperta.payload).toEqual(fam);
    expect(aperta.pratica).toMatchObject({ valoriModulo: { variante: 'altro-comune', via: 'Garibaldi' }, variante: 'altro-comune', avviataPer: 'Aiello Vincenzo' });
    expect((await call<{ pratica: { valoriModulo: unknown } }>(core, 'pratiche.dettaglio', { id: p.id })).pratica.valoriModulo).toEqual({ variante: 'altro-comune', via: 'Garibaldi' });
    const elenco = await call<{ id: string; soggettoNome: string | null }[]>(core, 'pratiche.elenco');
    expect(elenco.find((x) => x.id === p.id)?.soggettoNome).toBe('AIELLO VINCENZO');
    expect(core.db.prepare('SELECT payload_json FROM pratiche WHERE id = ?').pluck().get(p.id)).toBe(JSON.stringify(fam));
    // null clears a field.
    expect(await call(core, 'pratiche.salvaBozza', { id: p.id, servizio: '5005', payload: fam, variante: null, avviataPer: null })).toMatchObject({ variante: null, avviataPer: null });
    await core.dispose();
  });

  it('sends a 2001 death of a non-head member', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    const fam = await famiglia(core);
    const morto = fam.componenti.find((c) => c !== fam.intestatarioId)!;
    const g = core.anpr.simulatore()!.admin.persona(morto) as unknown as { codiceFiscale: string; cognome: string; nome: string; sesso: 'M' | 'F'; dataNascita: string };
    const p = await call<{ id: string }>(core, 'pratiche.salvaBozza', {
      servizio: '2001',
      payload: {
        motivoCancellazione: { tipoMotivoCancellazione: '1' },
        generalitaPerRicerca: { codiceFiscale: { codFiscale: g.codiceFiscale }, cognome: g.cognome, nome: g.nome, sesso: g.sesso, dataNascita: g.dataNascita, idSchedaSoggettoANPR: morto },
        datiDecesso: { dataEvento: oggi(), luogoEvento: { comune: { nomeComune: 'BAGNOREGIO', codiceIstat: '056003', siglaProvinciaIstat: 'VT' } } },
        datiControllo: { ruoloSoggetto: '2' },
      },
      dataDecorrenza: oggi(),
      soggettoKey: morto,
    });
    const pronta = await call<{ ok: boolean; problemi: unknown[] }>(core, 'pratiche.rendiPronta', { id: p.id, conferma: true });
    expect(pronta.problemi).toEqual([]);
    await core.coda.start();
    const queue = await core.coda.queue();
    await expect.poll(() => queue.get(p.id)?.stato, { timeout: 20_000 }).toMatch(/^accolta/);
    await core.dispose();
  }, 60_000);

  it('refuses annulments to an operatore and every change to sola lettura, in the core', async () => {
    const op = createTestCore({}, { accesso: 'operatore' });
    await expect(call(op, 'pratiche.annulla', { id: 'x' })).rejects.toMatchObject({ code: 'OPERAZIONE_NON_CONSENTITA' });
    await expect(call(op, 'pratiche.salvaBozza', { servizio: '5012', payload: null })).rejects.toMatchObject({ code: 'OPERAZIONE_NON_CONSENTITA' });
    await op.dispose();
    const ro = createTestCore({}, { accesso: 'sola_lettura' });
    for (const [channel, payload] of [
      ['pratiche.salvaBozza', { servizio: '5005', payload: null }],
      ['pratiche.invia', { id: 'x' }],
      ['pratiche.rendiPronta', { id: 'x' }],
      ['pratiche.scarta', { id: 'x' }],
    ] as const) {
      await expect(call(ro, channel, payload)).rejects.toMatchObject({ code: 'OPERAZIONE_NON_CONSENTITA' });
    }
    expect(await call<unknown[]>(ro, 'tabelle.comuni', { testo: 'bagnor' })).toEqual(expect.arrayContaining([expect.objectContaining({ codiceIstat: '056003' })]));
    await ro.dispose();
  });

  it('translates XSD messages into Italian, tied to the element', () => {
    const p = traduciProblema("riga 3: Element '{http://sogei.it/ANPR/tipoDato}cap': [facet 'pattern'] The value '1234' is not accepted by the pattern '[0-9]{5}'.");
    expect(p).toMatchObject({ campo: 'cap', fonte: 'xsd' });
    expect(p.messaggio).toContain('«1234»');
    expect(p.messaggio).toContain('CAP');
    const m = traduciProblema("Element '{x}indirizzo': Missing child element(s). Expected is ( {x}toponimo ).");
    expect(m.campo).toBe('toponimo');
  });
});
