/**
 * Certificates at the counter (ANPR 6001): check locally, preview
 * (emissione 3), issue (emissione 1), archive the PDF as ANPR sent it, and
 * reconcile an issuance whose outcome is unknown by replaying the SAME
 * idOperazioneComune (ANPR returns the certificate it already issued), so a
 * certificate is never issued twice.
 *
 * Exactly-once: the idOperazioneComune is allocated and the row
 * `in_emissione` is committed BEFORE the request leaves; it is completed only
 * from ANPR's answer. A row still `in_emissione` (connection dropped after
 * ANPR committed, crash, timeout) is replayed with the same id, never re-sent
 * under a new one.
 */
import type { Db } from '../../platform/db/database';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../platform/logger';
import type { SettingsRepository } from '../../platform/impostazioni';
import type { AnprAccess } from '../../core/anpr-access';
import type { Ricerca } from '../ricerca/ricerca';
import { testataDaCompletare, type Richiesta6001Input } from '../../anpr/services/builders';
import type { ErroreAnpr } from '../../anpr/outcome';
import { AppError } from '../../platform/ipc/app-error';
import { getAnprTables } from '../../platform/tabelle/loader';
import type {
  CertificatoArchivio,
  EsitoCertificazione,
  ErroreAnprCert,
  RegistroCertificati,
  TabelleCertificazione,
} from '../../../shared/ipc/domains/certificazione';
import { createArchivio, inArchivio, sha256, type FiltroArchivio, type RigaCertificato } from './archivio';
import { caricaControlli, COMBINAZIONI_VIETATE, SOLO_SINGOLO, verificaRichiesta, type Richiesta, type SoggettoLetto, type TabelleRegole } from './regole';
import { registroCsv } from './registro-csv';
import { registroPdf } from './registro-pdf';

export interface OperatoreCertificazione {
  codiceFiscale: string;
  cognome: string;
  nome: string;
}

export interface ServizioCertificazione {
  tabelle(): TabelleCertificazione;
  anteprima(r: Richiesta, operatore: OperatoreCertificazione): Promise<EsitoCertificazione>;
  emetti(r: Richiesta, operatore: OperatoreCertificazione): Promise<EsitoCertificazione>;
  /** Replays every issuance still in progress with its own id. */
  riconcilia(): Promise<{ recuperati: number; inSospeso: number }>;
  archivio(f: FiltroArchivio): CertificatoArchivio[];
  pdf(id: number): { pdf: Buffer; sha256: string; integro: boolean; nomeFile: string };
  stampa(id: number, operatore: string): number;
  registro(giorno: string, operatore: string): RegistroCertificati;
  esporta(giorno: string, operatore: string, formato: 'csv' | 'pdf'): { nomeFile: string; mime: string; contenuto: Buffer };
}

export const PREDEFINITI = { bolloCentesimi: 1600, dirittiCentesimi: 52, dirittiEsenteBolloCentesimi: 26 };

const PA_ESTERA: Record<string, string> = {
  '0': 'Uso interno',
  '1': 'Uso estero',
  '2': 'Immigrazione',
  '3': 'Cause giudiziarie (art. 40 DPR 445/2000)',
  '4': "Per l'estero",
};
export const descrizionePaEstera = (c: string) => PA_ESTERA[c] ?? c;

export function giornoRoma(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

const NON_RAGGIUNGIBILE =
  'ANPR non è raggiungibile: il certificato non può essere emesso, perché i certificati sono prodotti solo da ANPR. ' +
  "Riprovare quando il collegamento è tornato; archivio, ristampe e registro restano disponibili.";

const errori = (lista: ErroreAnpr[] | undefined): ErroreAnprCert[] => (lista ?? []).map((e) => ({ codice: e.codice, tipo: e.tipo, testo: e.testo }));

export function createServizioCertificazione(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: SettingsRepository;
  anpr: AnprAccess;
  ricerca: Ricerca;
  /** Waits between replays of an unknown outcome (ms); the last failure leaves the row pending. */
  attese?: number[];
}): ServizioCertificazione {
  const { clock } = deps;
  const log = deps.logger.child('certificazione');
  const archivio = createArchivio(deps.db);
  const attese = deps.attese ?? [400, 1500];
  const inVolo = new Set<number>();
  let regole: TabelleRegole | null = null;

  const tabelleRegole = (): TabelleRegole => {
    if (regole) return regole;
    const t = getAnprTables();
    const tipi = new Map((t.tabella('tipo_certificato')?.voci ?? []).map((v) => [String(Number(v.codice)), v.descrizione]));
    const esenzioni = new Map(
      (t.tabella('esenzione_bollo')?.voci ?? []).map((v) => [
        String(Number(v.codice)),
        { descrizione: v.descrizione, esenteDiritti: (v.altri['ESENZIONE DIRITTO DI SEGRETERIA'] ?? '').trim().toUpperCase() === 'SI' },
      ]),
    );
    return (regole = { tipi, esenzioni, controlli: caricaControlli() });
  };
  const descrizioneTipo = (c: string) => tabelleRegole().tipi.get(c) ?? `Tipo ${c}`;
  const verso = (r: RigaCertificato) => inArchivio(r, descrizioneTipo);
  const ambiente = () => deps.settings.get().ambiente.tipo;

  const descriviRichiedente = (r: Richiesta): string => {
    const x = r.richiedente;
    if (x.tipo === 'intestatario') return "L'intestatario";
    if (x.tipo === 'altra_persona') return `${x.cognome} ${x.nome}`.toUpperCase() + (x.codiceFiscale ? ` (${x.codiceFiscale.toUpperCase()})` : '');
    return `${x.ente} – richiesta ${x.estremiRichiesta}${x.dataRichiesta ? ` del ${x.dataRichiesta.split('-').reverse().join('/')}` : ''}`;
  };

  type Preparata =
    | { kind: 'esito'; esito: EsitoCertificazione }
    | { kind: 'pronta'; input: Omit<Richiesta6001Input, 'testata'>; letto: SoggettoLetto };

  /** Local rules, the subject read from ANPR, then the 6001 body (without testata). */
  const prepara = async (r: Richiesta, operatore: OperatoreCertificazione, emissione: '1' | '3'): Promise<Preparata> => {
    const tab = tabelleRegole();
    const violazioni = verificaRichiesta(r, tab, null);
    if (violazioni.length > 0) return { kind: 'esito', esito: { esito: 'bloccata', violazioni } };
    let letto: SoggettoLetto;
    try {
      const scheda = await deps.ricerca.scheda(r.idSchedaSoggettoANPR);
      if (scheda.fonte !== 'anpr') return { kind: 'esito', esito: { esito: 'non_raggiungibile', messaggio: NON_RAGGIUNGIBILE } };
      letto = { soggetto: scheda.soggetto, famiglia: scheda.famiglia };
    } catch (error) {
      if (error instanceof AppError && error.code === 'ANPR_NON_RAGGIUNGIBILE') return { kind: 'esito', esito: { esito: 'non_raggiungibile', messaggio: NON_RAGGIUNGIBILE } };
      throw error;
    }
    const suiDati = verificaRichiesta(r, tab, letto);
    if (suiDati.length > 0) return { kind: 'esito', esito: { esito: 'bloccata', violazioni: suiDati } };
    const s = letto.soggetto;
    const ric = r.richiedente;
    const esenzione = String(Number(r.bollo.esenzione));
    const input: Omit<Richiesta6001Input, 'testata'> = {
      listaTipiCertificati: r.tipi.map((t) => String(Number(t))),
      ...(ric.tipo === 'altra_persona'
        ? {
            generalitaRichiedente: {
              generalita: { ...(ric.codiceFiscale ? { codiceFiscale: ric.codiceFiscale.toUpperCase() } : {}), cognome: ric.cognome.toUpperCase(), nome: ric.nome.toUpperCase() },
              ...(ric.documento && ric.dataDocumento ? { docRiconoscimento: { estDocRiconoscimento: ric.documento, dataRilascio: ric.dataDocumento } } : {}),
            },
          }
        : ric.tipo === 'pa'
          ? {
              generalitaRichiedente: {
                generalita: { cognome: ric.ente.toUpperCase().slice(0, 80), senzaNome: true },
                docRiconoscimento: { estDocRiconoscimento: ric.estremiRichiesta, dataRilascio: ric.dataRichiesta || giornoRoma(clock.now()) },
              },
            }
          : {}),
      soggettoIntestatario: {
        generalita: {
          ...(s.codiceFiscale ? { codiceFiscale: s.codiceFiscale } : {}),
          cognome: s.cognome,
          nome: s.nome,
          ...(s.sesso === 'M' || s.sesso === 'F' ? { sesso: s.sesso } : {}),
          ...(s.dataNascita ? { dataNascita: s.dataNascita } : {}),
          idSchedaSoggettoANPR: s.idSchedaSoggettoANPR,
        },
      },
      datiControllo: {
        cognomeUffAnagrafe: operatore.cognome,
        nomeUffAnagrafe: operatore.nome,
        tipoRichiedente: ric.tipo === 'intestatario' ? '2' : ric.tipo === 'altra_persona' ? '1' : '3',
        tipoRichiesta: '1',
        paEstera: r.paEstera,
        emissione,
        bollo: String(r.bollo.centesimi),
        ...(r.bollo.modalita ? { bolloVirtuale: r.bollo.modalita } : {}),
        esenzioneDiritti: r.diritti.esenti ? '1' : '0',
        diritti: String(r.diritti.centesimi),
        esenzioneBollo: esenzione,
        ...(esenzione === '99' ? { descrizioneEsenzioneBollo: r.bollo.descrizioneEsenzione.trim() } : {}),
        ...(r.forzaCertificazione ? { forzaCertificazione: '1' } : {}),
      },
    };
    return { kind: 'pronta', input, letto };
  };

  const testata = (idOperazioneComune: string) => testataDaCompletare(idOperazioneComune, clock.now());

  const messaggioRespinta = (lista: ErroreAnprCert[]) =>
    `ANPR ha rifiutato il certificato: ${lista.map((e) => `${e.testo} (${e.codice})`).join('; ') || 'nessun dettaglio'}.`;

  /**
   * Sends (or replays) the row's request with ITS idOperazioneComune until
   * ANPR gives an outcome, or leaves it pending.
   */
  const invia = async (riga: RigaCertificato, opts: { primoInvio: boolean }): Promise<EsitoCertificazione> => {
    if (inVolo.has(riga.id)) {
      return { esito: 'in_sospeso', certificato: verso(riga), messaggio: "L'emissione è già in corso: attendere l'esito." };
    }
    inVolo.add(riga.id);
    try {
      const input = JSON.parse(riga.richiesta_json) as Omit<Richiesta6001Input, 'testata'>;
      const id = riga.id_operazione_comune;
      let incerto = !opts.primoInvio || riga.tentativi > 0;
      let ultimoMessaggio = '';
      for (let tentativo = 0; tentativo <= attese.length; tentativo++) {
        if (tentativo > 0) await new Promise((resolve) => setTimeout(resolve, attese[tentativo - 1]));
        let outcome;
        try {
          const client = await deps.anpr.client();
          outcome = (await client.send('6001', { ...input, testata: testata(id) }, { idOperazioneComune: id })).outcome;
        } catch (error) {
          // Could not even prepare the call (no operator, no keystore…): nothing left the postazione.
          const messaggio = error instanceof AppError ? error.message : 'Non è stato possibile preparare la richiesta ad ANPR.';
          log.warn('6001 not sent', { idOperazioneComune: id, error: error instanceof Error ? error.message : String(error) });
          if (!incerto) {
            archivio.chiudi(riga.id, 'non_emesso', { messaggio });
            return { esito: 'non_raggiungibile', messaggio };
          }
          archivio.annota(riga.id, messaggio);
          return { esito: 'in_sospeso', certificato: verso(archivio.get(riga.id)!), messaggio };
        }
        archivio.tentativo(riga.id, clock.now().toISOString(), outcome.kind);
        log.info('6001 answered', {
          idOperazioneComune: id,
          kind: outcome.kind,
          tentativo: tentativo + 1,
          replay: incerto,
          codici: 'errori' in outcome && outcome.errori ? outcome.errori.map((e) => e.codice) : undefined,
        });
        switch (outcome.kind) {
          case 'accolta':
          case 'accolta_con_avvisi': {
            const pdf = outcome.value.certificatoPdf;
            if (!pdf || pdf.length === 0) {
              ultimoMessaggio = 'ANPR ha risposto senza il PDF del certificato: sarà richiesto di nuovo con lo stesso identificativo.';
              incerto = true;
              continue;
            }
            const now = clock.now();
            archivio.registraEmesso(riga.id, {
              emesso: now.toISOString(),
              giorno: giornoRoma(now),
              idOperazioneAnpr: outcome.idOperazioneANPR ?? null,
              protocollo: outcome.value.protocolloANPR ?? null,
              pdf,
              avvisi: errori([...outcome.anomalie, ...outcome.value.errori]),
            });
            const salvata = archivio.get(riga.id)!;
            const bytes = archivio.pdf(riga.id)!.pdf!;
            return {
              esito: 'emesso',
              certificato: verso(salvata),
              pdfBase64: bytes.toString('base64'),
              avvisi: errori([...outcome.anomalie, ...outcome.value.errori]),
              recuperato: incerto,
            };
          }
          case 'respinta': {
            const lista = errori(outcome.errori);
            archivio.chiudi(riga.id, 'respinto', { idOperazioneAnpr: outcome.idOperazioneANPR ?? null, errori: lista, messaggio: messaggioRespinta(lista) });
            return { esito: 'respinta', errori: lista, idOperazioneComune: id, messaggio: messaggioRespinta(lista) };
          }
          case 'soap_fault':
            // Refused by ANPR's policy before processing: nothing was issued.
            if (!incerto) {
              archivio.chiudi(riga.id, 'non_emesso', { messaggio: outcome.messaggio });
              return { esito: 'non_raggiungibile', messaggio: `ANPR ha rifiutato la richiesta: ${outcome.messaggio}` };
            }
            ultimoMessaggio = outcome.messaggio;
            break;
          case 'non_consegnata':
            if (!incerto) {
              archivio.chiudi(riga.id, 'non_emesso', { messaggio: outcome.messaggio });
              return { esito: 'non_raggiungibile', messaggio: `${NON_RAGGIUNGIBILE} (${outcome.messaggio})` };
            }
            ultimoMessaggio = outcome.messaggio;
            break;
          case 'esito_sconosciuto':
            incerto = true;
            ultimoMessaggio = outcome.messaggio;
            break;
        }
      }
      const messaggio =
        `Esito dell'emissione non ancora noto (${ultimoMessaggio}). Il certificato NON va richiesto di nuovo: ` +
        "sarà recuperato da ANPR con lo stesso identificativo operazione appena possibile (anche al prossimo avvio).";
      archivio.annota(riga.id, messaggio);
      return { esito: 'in_sospeso', certificato: verso(archivio.get(riga.id)!), messaggio };
    } finally {
      inVolo.delete(riga.id);
    }
  };

  const registro = (giorno: string, operatore: string): RegistroCertificati => {
    const righe = archivio.registro(giorno, operatore, ambiente()).map(verso);
    return {
      data: giorno,
      operatore,
      righe,
      totali: {
        certificati: righe.length,
        bolloCentesimi: righe.reduce((n, r) => n + r.bolloCentesimi, 0),
        dirittiCentesimi: righe.reduce((n, r) => n + r.dirittiCentesimi, 0),
      },
      operatori: archivio.operatoriDelGiorno(giorno, ambiente()),
    };
  };

  return {
    tabelle() {
      const t = tabelleRegole();
      return {
        tipi: [...t.tipi].map(([codice, descrizione]) => ({ codice, descrizione, soloSingolo: SOLO_SINGOLO.has(codice) })),
        esenzioni: [...t.esenzioni].map(([codice, v]) => ({ codice, descrizione: v.descrizione, esenteDiritti: v.esenteDiritti })),
        combinazioniVietate: COMBINAZIONI_VIETATE.map(([a, b]) => ({
          a,
          b,
          motivo: `«${descrizioneTipo(a)}» e «${descrizioneTipo(b)}» non possono stare nello stesso certificato cumulativo.`,
        })),
        predefiniti: PREDEFINITI,
      };
    },

    async anteprima(r, operatore) {
      const p = await prepara(r, operatore, '3');
      if (p.kind === 'esito') return p.esito;
      let id: string;
      let outcome;
      try {
        const client = await deps.anpr.client();
        id = await deps.anpr.nuovoIdOperazione();
        outcome = (await client.send('6001', { ...p.input, testata: testata(id) }, { idOperazioneComune: id })).outcome;
      } catch (error) {
        if (error instanceof AppError) return { esito: 'non_raggiungibile', messaggio: error.message };
        throw error;
      }
      log.info('6001 preview answered', { idOperazioneComune: id, kind: outcome.kind });
      switch (outcome.kind) {
        case 'accolta':
        case 'accolta_con_avvisi': {
          const pdf = outcome.value.certificatoPdf;
          if (!pdf) return { esito: 'non_raggiungibile', messaggio: "ANPR non ha restituito l'anteprima del certificato: riprovare." };
          return { esito: 'anteprima', pdfBase64: pdf.toString('base64'), avvisi: errori([...outcome.anomalie, ...outcome.value.errori]), idOperazioneComune: id };
        }
        case 'respinta': {
          const lista = errori(outcome.errori);
          return { esito: 'respinta', errori: lista, idOperazioneComune: id, messaggio: messaggioRespinta(lista) };
        }
        case 'non_consegnata':
          return { esito: 'non_raggiungibile', messaggio: `${NON_RAGGIUNGIBILE} (${outcome.messaggio})` };
        default:
          // A preview has no effect at ANPR: it can simply be asked again.
          return { esito: 'non_raggiungibile', messaggio: `Anteprima non ricevuta: ${outcome.messaggio} Riprovare.` };
      }
    },

    async emetti(r, operatore) {
      const p = await prepara(r, operatore, '1');
      if (p.kind === 'esito') return p.esito;
      const s = p.letto.soggetto;
      let id: string;
      try {
        id = await deps.anpr.nuovoIdOperazione();
      } catch (error) {
        if (error instanceof AppError) return { esito: 'non_raggiungibile', messaggio: error.message };
        throw error;
      }
      const env = await deps.anpr.ambiente();
      // Committed before anything leaves the postazione.
      const riga = archivio.inserisci({
        id_operazione_comune: id,
        ambiente: ambiente(),
        comune: env.comune,
        tipi: p.input.listaTipiCertificati.map(String).join(','),
        intestatario_id_anpr: s.idSchedaSoggettoANPR,
        intestatario_cf: s.codiceFiscale,
        intestatario_nominativo: `${s.cognome} ${s.nome}`,
        richiedente: descriviRichiedente(r),
        pa_estera: r.paEstera,
        bollo_centesimi: r.bollo.centesimi,
        bollo_modalita: r.bollo.modalita,
        esenzione_bollo: String(Number(r.bollo.esenzione)),
        descrizione_esenzione: String(Number(r.bollo.esenzione)) === '99' ? r.bollo.descrizioneEsenzione.trim() : '',
        diritti_esenti: r.diritti.esenti ? 1 : 0,
        diritti_centesimi: r.diritti.centesimi,
        operatore_cf: operatore.codiceFiscale,
        operatore_nominativo: `${operatore.cognome} ${operatore.nome}`,
        richiesta_json: JSON.stringify(p.input),
        creato: clock.now().toISOString(),
      });
      log.info('6001 issuance recorded before sending', { idOperazioneComune: id, tipi: p.input.listaTipiCertificati });
      return invia(riga, { primoInvio: true });
    },

    async riconcilia() {
      let recuperati = 0;
      for (const riga of archivio.inSospeso(ambiente())) {
        const esito = await invia(riga, { primoInvio: false });
        if (esito.esito === 'emesso') recuperati++;
      }
      const inSospeso = archivio.inSospeso(ambiente()).length;
      if (recuperati > 0 || inSospeso > 0) log.info('6001 reconciliation', { recuperati, inSospeso });
      return { recuperati, inSospeso };
    },

    archivio: (f) => archivio.cerca(f, ambiente()).map(verso),

    pdf(id) {
      const row = archivio.pdf(id);
      if (!row?.pdf || !row.pdf_sha256) throw new AppError('CERTIFICATO_NON_DISPONIBILE', 'Il certificato richiesto non è in archivio (non risulta emesso).');
      const integro = sha256(row.pdf) === row.pdf_sha256;
      if (!integro) log.error('archived certificate does not match its SHA-256', { id });
      return { pdf: row.pdf, sha256: row.pdf_sha256, integro, nomeFile: `certificato-${row.protocollo_anpr ?? id}.pdf` };
    },

    stampa(id, operatore) {
      const row = archivio.get(id);
      if (!row || row.stato !== 'emesso') throw new AppError('CERTIFICATO_NON_DISPONIBILE', 'Si può stampare solo un certificato emesso e archiviato.');
      return archivio.registraStampa(id, clock.now().toISOString(), operatore);
    },

    registro,

    esporta(giorno, operatore, formato) {
      const reg = registro(giorno, operatore);
      const comune = deps.settings.get().comune.denominazione;
      const base = `registro-certificati-${giorno}${operatore ? `-${operatore}` : ''}`;
      if (formato === 'csv') return { nomeFile: `${base}.csv`, mime: 'text/csv;charset=utf-8', contenuto: registroCsv(reg) };
      return { nomeFile: `${base}.pdf`, mime: 'application/pdf', contenuto: registroPdf(reg, { comune, generatoIl: clock.now() }) };
    },
  };
}
