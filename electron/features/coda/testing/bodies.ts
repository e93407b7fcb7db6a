import { buildRequest } from '../../../anpr/services/builders';

/** A 5008 (cittadinanza) body for a resident: valid against the XSD and for the simulator. */
export function corpo5008(p: { codiceFiscale: string; cognome: string; nome: string; idSchedaSoggettoANPR: string }, istat: string): string {
  return buildRequest('5008', {
    testata: { idOperazioneComune: '1', codMittente: istat, codDestinatario: 'ANPR02', dataOraRichiesta: '2026-01-01T00:00:00', tipoOperazione: 'C', tipoInvio: 'TEST' },
    generalitaPerRicerca: { codiceFiscale: p.codiceFiscale, cognome: p.cognome, nome: p.nome, idSchedaSoggettoANPR: p.idSchedaSoggettoANPR },
    cittadinanza: [{ descrizioneStato: 'ITALIA', codiceStato: '100' }],
    datiControllo: { tipoMutazione: ['2'] },
  });
}
