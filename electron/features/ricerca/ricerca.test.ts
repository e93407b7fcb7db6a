import { describe, expect, it } from 'vitest';
import { createTestCore } from '../../test-support/core';
import type { EsitoRicerca, SchedaCompleta } from '../../../shared/ipc/contract';

const web = { transport: 'web' as const };

async function coreConSimulatore() {
  const core = createTestCore({ clock: { now: () => new Date() } });
  expect(await core.router.dispatch('connessione.verifica', undefined, web)).toMatchObject({ ok: true, value: { stato: 'raggiungibile' } });
  const sim = core.anpr.simulatore()!;
  // A resident living with others, so the family sheet has relations.
  const residente = sim.admin.campione(undefined, 200).find((p) => {
    const scheda = sim.admin.store.getScheda(p.legame.idFamigliaConvivenzaANPR);
    return scheda?.tipo === 'famiglia' && scheda.componenti.length > 1;
  })!;
  return { core, sim, residente };
}

describe('ricerca (3002) through the core', () => {
  it('finds a resident by codice fiscale, by name and birth date, by id; opens the person and family sheets', async () => {
    const { core, residente } = await coreConSimulatore();
    const perCf = await core.router.dispatch('ricerca.soggetti', { tipo: 'codiceFiscale', codiceFiscale: residente.codiceFiscale.toLowerCase() }, web);
    expect(perCf).toMatchObject({ ok: true, value: { fonte: 'anpr', avviso: null, soggetti: [{ codiceFiscale: residente.codiceFiscale, cognome: residente.cognome, idSchedaSoggettoANPR: residente.idSchedaSoggettoANPR, condizione: 'residente' }] } });

    const perNome = await core.router.dispatch('ricerca.soggetti', { tipo: 'generalita', cognome: residente.cognome.toLowerCase(), nome: residente.nome, dataNascita: residente.dataNascita }, web);
    expect(perNome.ok && (perNome.value as EsitoRicerca).soggetti.map((s) => s.codiceFiscale)).toContain(residente.codiceFiscale);

    const perId = await core.router.dispatch('ricerca.soggetti', { tipo: 'idAnpr', idAnpr: residente.idSchedaSoggettoANPR }, web);
    expect(perId).toMatchObject({ ok: true, value: { soggetti: [{ codiceFiscale: residente.codiceFiscale }] } });

    const scheda = await core.router.dispatch('ricerca.scheda', { idSchedaSoggettoANPR: residente.idSchedaSoggettoANPR }, web);
    expect(scheda.ok).toBe(true);
    const value = (scheda as { value: SchedaCompleta }).value;
    expect(value.soggetto).toMatchObject({ codiceFiscale: residente.codiceFiscale, statoCivile: expect.any(String), residenza: expect.stringContaining('BAGNOREGIO') });
    expect(value.soggetto.cittadinanze.length).toBeGreaterThan(0);
    expect(value.famiglia).toMatchObject({ tipo: 'famiglia', indirizzo: expect.stringContaining('BAGNOREGIO') });
    expect(value.famiglia?.componenti.length).toBeGreaterThan(1);
    expect(value.famiglia?.componenti[0]?.relazione).toBe('Intestatario Scheda');
    expect(value.famiglia?.componenti.map((c) => c.idSchedaSoggettoANPR)).toContain(residente.idSchedaSoggettoANPR);
    await core.dispose();
  });

  it('says when nobody matches, and rejects a wrong codice fiscale before calling ANPR', async () => {
    const { core } = await coreConSimulatore();
    const none = await core.router.dispatch('ricerca.soggetti', { tipo: 'codiceFiscale', codiceFiscale: 'RSSMRA80A01H501U' }, web);
    expect(none).toMatchObject({ ok: true, value: { soggetti: [], avviso: 'Nessun soggetto corrisponde ai criteri indicati.' } });
    const bad = await core.router.dispatch('ricerca.soggetti', { tipo: 'codiceFiscale', codiceFiscale: 'RSSMRA80A01H501X' }, web);
    expect(bad).toMatchObject({ ok: false, error: { code: 'RICHIESTA_NON_VALIDA', details: [{ message: expect.stringContaining('carattere di controllo') }] } });
    await core.dispose();
  });

  it('offline: shows the local copy of an earlier read, labelled, and only for the same environment', async () => {
    const { core, sim, residente } = await coreConSimulatore();
    await core.router.dispatch('ricerca.scheda', { idSchedaSoggettoANPR: residente.idSchedaSoggettoANPR }, web);
    sim.admin.setFaults([{ tipo: 'anpr_fermo', durataMs: 60_000 }]);
    const scheda = await core.router.dispatch('ricerca.scheda', { idSchedaSoggettoANPR: residente.idSchedaSoggettoANPR }, web);
    expect(scheda).toMatchObject({ ok: true, value: { fonte: 'locale', avviso: expect.stringContaining('ANPR non raggiungibile'), soggetto: { codiceFiscale: residente.codiceFiscale } } });
    expect((scheda as { value: SchedaCompleta }).value.famiglia?.componenti.length).toBeGreaterThan(1);
    const perCf = await core.router.dispatch('ricerca.soggetti', { tipo: 'codiceFiscale', codiceFiscale: residente.codiceFiscale }, web);
    expect(perCf).toMatchObject({ ok: true, value: { fonte: 'locale', soggetti: [{ codiceFiscale: residente.codiceFiscale }] } });
    const mai = await core.router.dispatch('ricerca.soggetti', { tipo: 'codiceFiscale', codiceFiscale: 'RSSMRA80A01H501U' }, web);
    expect(mai).toMatchObject({ ok: false, error: { code: 'ANPR_NON_RAGGIUNGIBILE' } });
    sim.admin.clearFaults();
    await core.dispose();
  });

  it('3001 finds the parents for a birth: by codice fiscale and by name, each with the family the newborn can join', async () => {
    const { core, sim } = await coreConSimulatore();
    const adulti = sim.admin.campione(undefined, 200).filter((p) => p.dataNascita < '2000-01-01');
    const padre = adulti.find((p) => p.sesso === 'M')!;
    const madre = adulti.find((p) => p.sesso === 'F')!;
    const esito = await core.router.dispatch('ricerca.genitori', { padre: { codiceFiscale: padre.codiceFiscale, cognome: padre.cognome, nome: padre.nome }, madre: { cognome: madre.cognome, nome: madre.nome } }, web);
    expect(esito).toMatchObject({
      ok: true,
      value: {
        avviso: null,
        padri: [{ idSchedaSoggettoANPR: padre.idSchedaSoggettoANPR, codiceFiscale: padre.codiceFiscale, idFamigliaConvivenzaANPR: padre.legame.idFamigliaConvivenzaANPR, residenza: expect.stringContaining('BAGNOREGIO') }],
        madri: expect.arrayContaining([expect.objectContaining({ idSchedaSoggettoANPR: madre.idSchedaSoggettoANPR, idFamigliaConvivenzaANPR: madre.legame.idFamigliaConvivenzaANPR })]),
      },
    });

    // Only one parent found: the other is named in the note.
    const soloPadre = await core.router.dispatch('ricerca.genitori', { padre: { codiceFiscale: padre.codiceFiscale, cognome: padre.cognome, nome: padre.nome }, madre: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI', nome: 'MARIO' } }, web);
    expect(soloPadre).toMatchObject({ ok: true, value: { madri: [], avviso: 'ANPR non ha trovato la madre tra i residenti.' } });
    // Nobody: ANPR's refusal, with its code.
    const nessuno = await core.router.dispatch('ricerca.genitori', { madre: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI', nome: 'MARIO' } }, web);
    expect(nessuno).toMatchObject({ ok: true, value: { padri: [], madri: [], avviso: expect.stringContaining('(EN143)') } });
    // At least one parent, checked before calling ANPR.
    expect(await core.router.dispatch('ricerca.genitori', {}, web)).toMatchObject({ ok: false, error: { code: 'RICHIESTA_NON_VALIDA' } });
    await core.dispose();
  });

  it("a read (3002) feeds the anomaly lists with the subject's open anomalies and closes those ANPR no longer lists", async () => {
    const { core, sim } = await coreConSimulatore();
    const conAnomalie = sim.admin.store.tuttePersone().find((p) => p.stato === 'residente' && p.anomalie.length > 0)!;
    const eventi: unknown[] = [];
    core.events.subscribe((nome, payload) => nome === 'anomalie.cambiate' && eventi.push(payload));
    const elenco = async () => {
      const r = await core.router.dispatch(
        'anomalie.elenco',
        { filtri: { q: conAnomalie.codiceFiscale, fonte: ['interrogazione'] }, ordinamento: { campo: 'codice', direzione: 'asc' }, raggruppamento: 'nessuno', offset: 0, limite: 50, conTotale: true },
        web,
      );
      return (r as { value: { righe: { codice: string; stato: string }[] } }).value.righe;
    };
    expect(await elenco()).toEqual([]);

    await core.router.dispatch('ricerca.scheda', { idSchedaSoggettoANPR: conAnomalie.idSchedaSoggettoANPR }, web);
    const codici = [...new Set(conAnomalie.anomalie.map((a) => a.codice))].sort();
    expect((await elenco()).map((r) => r.codice).sort()).toEqual(codici);
    expect((await elenco()).every((r) => r.stato === 'aperta')).toBe(true);
    expect(eventi).toEqual([{ origine: 'interrogazione', inserite: codici.length, sanate: 0 }]);

    // Read again: nothing new, no event. Then ANPR no longer lists them (fixed at ANPR): closed as sanate.
    await core.router.dispatch('ricerca.scheda', { idSchedaSoggettoANPR: conAnomalie.idSchedaSoggettoANPR }, web);
    expect(eventi).toHaveLength(1);
    sim.admin.store.putPersona({ ...conAnomalie, anomalie: [] });
    await core.router.dispatch('ricerca.scheda', { idSchedaSoggettoANPR: conAnomalie.idSchedaSoggettoANPR }, web);
    expect((await elenco()).every((r) => r.stato === 'sanata')).toBe(true);
    expect(eventi[1]).toEqual({ origine: 'interrogazione', inserite: 0, sanate: codici.length });
    await core.dispose();
  });
  it('by surname alone a list to pick from, by surname and name without the birth date', async () => {
    const { core, sim } = await coreConSimulatore();
    const residenti = sim.admin.campione(undefined, 500);
    const conta = new Map<string, number>();
    for (const p of residenti) conta.set(p.cognome, (conta.get(p.cognome) ?? 0) + 1);
    const cognome = [...conta.entries()].find(([, n]) => n > 1)![0];
    const omonimi = residenti.filter((p) => p.cognome === cognome);
    const perCognome = await core.router.dispatch('ricerca.soggetti', { tipo: 'generalita', cognome: cognome.toLowerCase() }, web);
    expect(perCognome.ok).toBe(true);
    const elenco = (perCognome as { value: EsitoRicerca }).value;
    expect(elenco.fonte).toBe('anpr');
    expect(new Set(elenco.soggetti.map((s) => s.idSchedaSoggettoANPR))).toEqual(new Set(omonimi.map((p) => p.idSchedaSoggettoANPR)));
    expect(elenco.soggetti.every((s) => s.residenza?.includes('BAGNOREGIO'))).toBe(true);

    const uno = omonimi[0]!;
    const conNome = await core.router.dispatch('ricerca.soggetti', { tipo: 'generalita', cognome, nome: uno.nome }, web);
    expect((conNome as { value: EsitoRicerca }).value.soggetti.map((s) => s.idSchedaSoggettoANPR)).toContain(uno.idSchedaSoggettoANPR);
    expect((conNome as { value: EsitoRicerca }).value.soggetti.every((s) => s.nome === uno.nome)).toBe(true);
    await core.dispose();
  });

  it('by address: ANPR has no such criterion, so the local copies are searched, labelled, without calling ANPR', async () => {
    const { core, sim, residente } = await coreConSimulatore();
    const letto = await core.router.dispatch('ricerca.scheda', { idSchedaSoggettoANPR: residente.idSchedaSoggettoANPR }, web);
    const indirizzo = (letto as { value: SchedaCompleta }).value.soggetto.residenza!;
    const [strada] = indirizzo.split(',');
    const parole = strada!.split(' ');
    const numero = parole.at(-1)!.split('/')[0]!;
    const via = parole.slice(1, -1).join(' ').toLowerCase();
    const chiamate = sim.admin.operations().length;
    const esito = await core.router.dispatch('ricerca.soggetti', { tipo: 'indirizzo', via, numero }, web);
    expect(esito).toMatchObject({ ok: true, value: { fonte: 'locale', avviso: expect.stringContaining('ANPR non offre la ricerca per indirizzo') } });
    const trovati = (esito as { value: EsitoRicerca }).value.soggetti;
    expect(trovati.map((s) => s.idSchedaSoggettoANPR)).toContain(residente.idSchedaSoggettoANPR);
    expect(trovati.every((s) => s.residenza?.toUpperCase().includes(via.toUpperCase()))).toBe(true);
    expect(sim.admin.operations().length).toBe(chiamate);
    const altroNumero = await core.router.dispatch('ricerca.soggetti', { tipo: 'indirizzo', via, numero: String(Number(numero) + 1000) }, web);
    expect((altroNumero as { value: EsitoRicerca }).value.soggetti).toEqual([]);
    await core.dispose();
  });

  it('a deceased subject: the sheet names the family they belonged to, from the local copies', async () => {
    const { core, sim, residente } = await coreConSimulatore();
    await core.router.dispatch('ricerca.scheda', { idSchedaSoggettoANPR: residente.idSchedaSoggettoANPR }, web);
    const idFamiglia = residente.legame.idFamigliaConvivenzaANPR;
    sim.admin.store.putPersona({ ...sim.admin.persona(residente.idSchedaSoggettoANPR)!, stato: 'deceduto', datiDecesso: { data: '2025-05-01' } });
    for (let volta = 0; volta < 2; volta++) {
      const scheda = await core.router.dispatch('ricerca.scheda', { idSchedaSoggettoANPR: residente.idSchedaSoggettoANPR }, web);
      const value = (scheda as { value: SchedaCompleta }).value;
      expect(value.soggetto.condizione).toBe('deceduto');
      expect(value.famiglia).toBeNull();
      expect(value.famigliaPrecedente?.idFamigliaANPR).toBe(idFamiglia);
      const altri = sim.admin.store.getScheda(idFamiglia)!.componenti.filter((id) => id !== residente.idSchedaSoggettoANPR);
      expect(value.famigliaPrecedente?.componenti.map((c) => c.idSchedaSoggettoANPR).sort()).toEqual([...altri].sort());
    }
    await core.dispose();
  });
});

