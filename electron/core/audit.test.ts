import { describe, expect, it } from 'vitest';
import { contract, type Channel } from '../../shared/ipc/contract';
import { createTestCore, OPERATORE_TEST } from '../test-support/core';
import { AUDITATI } from './audit';
import { permessoDi } from './permissions';

/** Issue #18, item 2: every privileged action is in audit_log, through the router's one helper. */

/** Privileged channels outside the amministrazione role: passwords, catalogue, bulk exports, consultations. */
const ALTRI_PRIVILEGIATI: Channel[] = [
  'sessione.cambiaPassword',
  'anomalie.importaFile',
  'anomalie.esporta',
  'certificazione.esporta',
  'ricerca.soggetti',
  'ricerca.scheda',
  'certificazione.anteprima',
];

describe('audit of privileged actions', () => {
  it('every administrative channel (and every other privileged one) is audited', () => {
    const canali = Object.keys(contract) as Channel[];
    const amministrativi = canali.filter((c) => permessoDi(c) === 'amministrazione');
    expect(amministrativi.length).toBeGreaterThan(0);
    // A new administrative channel fails here until it gets its line in AUDITATI (electron/core/audit.ts).
    expect(amministrativi.filter((c) => !(c in AUDITATI))).toEqual([]);
    expect(ALTRI_PRIVILEGIATI.filter((c) => !(c in AUDITATI))).toEqual([]);
  });

  it('records who created, changed, deactivated an operator, reset and changed passwords, and changed security settings', async () => {
    const core = createTestCore();
    const call = async (channel: string, payload?: unknown) => {
      const r = await core.router.dispatch(channel, payload, { transport: 'test' });
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value;
    };
    try {
      const nuovo = { codiceFiscale: 'TSTLRA85M41H501B', nome: 'LAURA', cognome: 'TEST', ruolo: 'operatore', password: 'password-di-prova-2' };
      await call('operatori.crea', nuovo);
      await call('operatori.aggiorna', { codiceFiscale: nuovo.codiceFiscale, attivo: false });
      await call('operatori.aggiorna', { codiceFiscale: nuovo.codiceFiscale, attivo: true, nuovaPassword: 'un-altra-password-lunga' });
      await call('impostazioni.salvaSicurezza', { minutiInattivita: 30 });
      await call('sessione.cambiaPassword', { attuale: OPERATORE_TEST.password, nuova: 'nuova-password-di-prova' });
      // A refused call is not an action done.
      expect((await core.router.dispatch('operatori.aggiorna', { codiceFiscale: 'INESISTENTE', attivo: false }, { transport: 'test' })).ok).toBe(false);
      const righe = core.db.prepare("SELECT operatore, azione, dettaglio FROM audit_log WHERE azione LIKE '%.%' ORDER BY id").all() as { operatore: string; azione: string; dettaglio: string }[];
      expect(righe).toEqual([
        { operatore: OPERATORE_TEST.codiceFiscale, azione: 'operatori.crea', dettaglio: `operatore ${nuovo.codiceFiscale} creato, ruolo operatore` },
        { operatore: OPERATORE_TEST.codiceFiscale, azione: 'operatori.aggiorna', dettaglio: `operatore ${nuovo.codiceFiscale}, disattivato` },
        { operatore: OPERATORE_TEST.codiceFiscale, azione: 'operatori.aggiorna', dettaglio: `operatore ${nuovo.codiceFiscale}, riattivato, password reimpostata` },
        { operatore: OPERATORE_TEST.codiceFiscale, azione: 'impostazioni.salvaSicurezza', dettaglio: 'blocco per inattività dopo 30 minuti' },
        { operatore: OPERATORE_TEST.codiceFiscale, azione: 'sessione.cambiaPassword', dettaglio: 'password cambiata' },
      ]);
      expect(JSON.stringify(righe)).not.toMatch(/password-di-prova|un-altra-password/);
    } finally {
      await core.dispose();
    }
  });
});
