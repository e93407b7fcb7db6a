/**
 * The go-live checklist: each thing a postazione needs before working with
 * the real ANPR, its state (ok / da fare / errore), why, what to do and
 * where. The public-IP registration cannot be seen from here: the
 * administrator confirms it, per environment (kept in
 * `<dataDir>/messa-in-esercizio.json`), and a TestConn ANPR accepted proves it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessaInEsercizio, TipoAmbiente, VoceMessaInEsercizio } from '../../shared/ipc/contract';
import type { Clock } from './clock';
import type { Db } from '../platform/db/database';
import type { SettingsRepository } from '../platform/impostazioni';
import type { KeystoreStore } from '../anpr/security/keystore-store';
import type { CaBundleStore } from '../anpr/transport/ca-bundle-store';
import type { Accesso } from '../features/operatori/accesso';
import { formatDataIt } from '../anpr/security/keystore';
import { OPERATORE_PROVA_CODICE_FISCALE } from '../simulator/training';
import { problemaCa, problemaCertificato } from './prerequisiti-anpr';
import { TOLLERANZA_OROLOGIO_SECONDI, type VerificaCollegamento } from './verifica-collegamento';
import { ETICHETTE_AMBIENTE } from './handlers/base';

type Conferme = Partial<Record<TipoAmbiente, { ipConfermatoIl: string; da: string }>>;

const IMPOSTAZIONI = (sezione: string, testo: string) => ({ testo, percorso: `/impostazioni?sezione=${sezione}` });
const GIORNI_AVVISO_CA = 30;

function dataOra(iso: string): string {
  return new Date(iso).toLocaleString('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export interface MessaInEsercizioService {
  stato(): MessaInEsercizio;
  confermaIp(confermato: boolean, da: string): MessaInEsercizio;
}

export function createMessaInEsercizio(deps: {
  dataDir: string;
  db: Db;
  settings: SettingsRepository;
  keystores: KeystoreStore;
  ca: CaBundleStore;
  verifica: VerificaCollegamento;
  accesso: Accesso;
  clock: Clock;
}): MessaInEsercizioService {
  const file = join(deps.dataDir, 'messa-in-esercizio.json');
  const conferme = (): Conferme => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Conferme) : {});

  const certificato = (): VoceMessaInEsercizio => {
    const voce = { id: 'certificato', titolo: 'Certificato del comune', collegamento: IMPOSTAZIONI('imp-certificati', 'Vai a Certificati') } as const;
    const info = deps.keystores.info('comune');
    if (!info) {
      return { ...voce, stato: 'da_fare', motivo: 'Il certificato del comune non è stato importato.', azione: 'Importare il file nnnnnn-CO-9999.p12 rilasciato per il comune, con la sua password.' };
    }
    const problema = problemaCertificato(deps.keystores);
    if (problema) return { ...voce, stato: 'errore', motivo: problema.messaggio, azione: 'Importare un certificato valido.' };
    const fino = formatDataIt(new Date(info.notAfter));
    if (info.expiryWarning) {
      return { ...voce, stato: 'ok', motivo: `${info.commonName}: valido fino al ${fino}, scade tra ${info.daysToExpiry} giorni.`, azione: 'Richiedere il rinnovo del certificato prima della scadenza.' };
    }
    return { ...voce, stato: 'ok', motivo: `${info.commonName}: valido fino al ${fino} (tra ${info.daysToExpiry} giorni).`, azione: '' };
  };

  const ca = (): VoceMessaInEsercizio => {
    const voce = { id: 'ca', titolo: 'Bundle CA di ANPR', collegamento: IMPOSTAZIONI('imp-ca', 'Vai al bundle CA') } as const;
    const stato = deps.ca.stato();
    if (!stato.origine) {
      return { ...voce, stato: 'da_fare', motivo: 'Manca il bundle CA di ANPR: senza, la postazione non può riconoscere il server di ANPR.', azione: 'Importare il file PEM con la catena della CA di ANPR.' };
    }
    const problema = problemaCa(deps.ca);
    if (problema || !stato.bundle) return { ...voce, stato: 'errore', motivo: problema?.messaggio ?? stato.errore ?? '', azione: 'Importare di nuovo il file PEM della CA di ANPR.' };
    const validi = stato.bundle.certificates.filter((c) => !c.expired && !c.notYetValid);
    const prima = validi.reduce((a, c) => (c.validTo < a.validTo ? c : a));
    const giorni = Math.floor((prima.validTo.getTime() - deps.clock.now().getTime()) / 86_400_000);
    const origine = stato.origine === 'importato' ? 'importato in Impostazioni' : "fornito con l'applicazione";
    const n = stato.bundle.certificates.length;
    const motivo = `${n} ${n === 1 ? 'certificato' : 'certificati'} (${origine}); il primo a scadere, ${prima.commonName}, è valido fino al ${formatDataIt(prima.validTo)}.`;
    return giorni <= GIORNI_AVVISO_CA
      ? { ...voce, stato: 'ok', motivo: `${motivo} Scade tra ${giorni} giorni.`, azione: 'Procurarsi la catena aggiornata della CA di ANPR e importarla.' }
      : { ...voce, stato: 'ok', motivo, azione: '' };
  };

  const orologio = (ambiente: TipoAmbiente): VoceMessaInEsercizio => {
    const voce = { id: 'orologio', titolo: "Orologio della postazione", collegamento: null } as const;
    if (ambiente === 'SIMULATORE') {
      return { ...voce, stato: 'da_fare', motivo: "Nell'ambiente di prova il simulatore usa l'orologio di questo computer: lo scarto con ANPR si misura solo in TEST o PRODUZIONE.", azione: 'Scegliere TEST o PRODUZIONE e premere «Verifica collegamento».' };
    }
    const scarto = deps.verifica.ultima()?.scartoOrologioSecondi ?? null;
    if (scarto === null) {
      return { ...voce, stato: 'da_fare', motivo: "Non ancora verificabile: lo scarto si misura sull'ora indicata da ANPR nella risposta a «Verifica collegamento».", azione: 'Premere «Verifica collegamento».' };
    }
    const n = Math.abs(scarto);
    const descr = n === 0 ? 'allineato con ANPR' : `${n} ${n === 1 ? 'secondo' : 'secondi'} ${scarto > 0 ? 'avanti' : 'indietro'} rispetto ad ANPR`;
    return n > TOLLERANZA_OROLOGIO_SECONDI
      ? { ...voce, stato: 'errore', motivo: `L'orologio è ${descr}: ANPR rifiuta le richieste oltre circa ${TOLLERANZA_OROLOGIO_SECONDI} secondi («Rejected by policy»).`, azione: "Sincronizzare l'orologio di Windows con un server dell'ora (Impostazioni di Windows › Data e ora › Sincronizza ora)." }
      : { ...voce, stato: 'ok', motivo: `L'orologio è ${descr} (tolleranza circa ${TOLLERANZA_OROLOGIO_SECONDI} secondi).`, azione: '' };
  };

  const ip = (ambiente: TipoAmbiente): VoceMessaInEsercizio => {
    const voce = { id: 'ip', titolo: 'Indirizzo IP pubblico registrato in ANPR', collegamento: null } as const;
    const spiegazione =
      "ANPR accetta richieste solo dagli indirizzi IP pubblici che il comune ha registrato nell'applicazione web ANPR (Amministrazione › Informazioni aggiuntive), separatamente per TEST e PRODUZIONE. Da questa postazione non si può verificare: se «Verifica collegamento» risponde «Rejected by policy» con l'orologio in tolleranza, l'indirizzo non è registrato.";
    if (ambiente === 'SIMULATORE') return { ...voce, stato: 'da_fare', motivo: `Non serve per l'ambiente di prova. ${spiegazione}`, azione: 'Registrare l\'indirizzo prima di passare a TEST o PRODUZIONE.' };
    const ultima = deps.verifica.ultima();
    if (ultima?.riuscita) return { ...voce, stato: 'ok', motivo: `ANPR ha accettato la verifica del collegamento il ${dataOra(ultima.il)}: l'indirizzo IP di questo ufficio è registrato.`, azione: '' };
    if (ultima && !ultima.riuscita && /Rejected by policy/i.test(ultima.messaggio ?? '')) {
      return { ...voce, stato: 'errore', motivo: `ANPR ha risposto «Rejected by policy» il ${dataOra(ultima.il)}. ${spiegazione}`, azione: "Registrare l'indirizzo IP pubblico dell'ufficio in ANPR, poi ripetere «Verifica collegamento»." };
    }
    const conferma = conferme()[ambiente];
    if (conferma) return { ...voce, stato: 'ok', motivo: `Registrazione confermata dall'amministratore il ${dataOra(conferma.ipConfermatoIl)}. ${spiegazione}`, azione: '' };
    return { ...voce, stato: 'da_fare', motivo: spiegazione, azione: "Registrare l'indirizzo IP pubblico dell'ufficio nell'applicazione web ANPR, poi confermarlo qui." };
  };

  const collegamento = (ambiente: TipoAmbiente): VoceMessaInEsercizio => {
    const voce = { id: 'collegamento', titolo: 'Verifica del collegamento (TestConn)', collegamento: null } as const;
    const ultima = deps.verifica.ultima();
    const successo = ultima?.ultimoSuccesso ? ` Ultima verifica riuscita: ${dataOra(ultima.ultimoSuccesso)}.` : '';
    if (!ultima) return { ...voce, stato: 'da_fare', motivo: `Il collegamento con ${ETICHETTE_AMBIENTE[ambiente]} non è ancora stato verificato.`, azione: 'Premere «Verifica collegamento».' };
    if (ultima.riuscita) return { ...voce, stato: 'ok', motivo: `ANPR ha accettato la verifica il ${dataOra(ultima.il)}.`, azione: '' };
    return { ...voce, stato: 'errore', motivo: `${ultima.messaggio ?? ''}${successo}`, azione: 'Correggere quanto indicato e premere di nuovo «Verifica collegamento».' };
  };

  const operatori = (): VoceMessaInEsercizio => {
    const voce = { id: 'operatori', titolo: 'Operatori dello sportello', collegamento: IMPOSTAZIONI('imp-operatori', 'Vai a Operatori') } as const;
    const reali = deps.accesso.elenco().filter((o) => o.attivo && o.codiceFiscale !== OPERATORE_PROVA_CODICE_FISCALE);
    const sportello = reali.filter((o) => o.ruolo === 'operatore' || o.ruolo === 'ufficiale_anagrafe');
    if (sportello.length === 0) {
      return { ...voce, stato: 'da_fare', motivo: `È registrato solo ${reali.length === 1 ? "l'amministratore" : 'personale amministratore o di sola lettura'}: nessun operatore o ufficiale d'anagrafe può lavorare le pratiche.`, azione: "Creare un operatore per ogni addetto, con il suo codice fiscale (inviato ad ANPR con ogni richiesta: deve essere abilitato in ANPR)." };
    }
    return { ...voce, stato: 'ok', motivo: `Allo sportello (operatori e ufficiali d'anagrafe attivi): ${sportello.map((o) => `${o.cognome} ${o.nome}`).join(', ')}. Il codice fiscale di ciascuno deve essere abilitato in ANPR.`, azione: '' };
  };

  const datiProva = (ambiente: TipoAmbiente, endpoint: string): VoceMessaInEsercizio => {
    const voce = { id: 'dati_prova', titolo: "Dati dell'ambiente di prova tenuti separati", collegamento: IMPOSTAZIONI('imp-ambiente', 'Vai ad Ambiente ANPR') } as const;
    const separati =
      "Le persone dell'ambiente di prova sono fittizie e restano nel simulatore locale (cartella ambiente-prova); letture e anomalie sono tenute per ambiente, e la coda invia solo le pratiche create nell'ambiente in uso.";
    if (ambiente === 'SIMULATORE') {
      return { ...voce, stato: 'da_fare', motivo: `Ambiente in uso: ${ETICHETTE_AMBIENTE[ambiente]}. ${separati}`, azione: 'Per lavorare con ANPR scegliere TEST (collaudo) o PRODUZIONE.' };
    }
    const { n } = deps.db
      .prepare("SELECT count(*) AS n FROM pratiche WHERE ambiente IS NOT NULL AND ambiente <> ? AND scartata IS NULL")
      .get(ambiente) as { n: number };
    const altre = n === 0 ? '' : ` Nell'elenco delle pratiche restano ${n} ${n === 1 ? 'pratica' : 'pratiche'} di altri ambienti (di prova o di collaudo): non saranno mai inviate a ${ETICHETTE_AMBIENTE[ambiente]}; scartarle quando non servono più.`;
    return { ...voce, stato: 'ok', motivo: `Ambiente in uso: ${ETICHETTE_AMBIENTE[ambiente]} (${endpoint}). ${separati}${altre}`, azione: '' };
  };

  const stato = (): MessaInEsercizio => {
    const { ambiente } = deps.settings.get();
    const voci = [certificato(), ca(), orologio(ambiente.tipo), ip(ambiente.tipo), collegamento(ambiente.tipo), operatori(), datiProva(ambiente.tipo, ambiente.endpoint)];
    return { ambiente: ambiente.tipo, etichettaAmbiente: ETICHETTE_AMBIENTE[ambiente.tipo], endpoint: ambiente.endpoint, voci, ipConfermato: Boolean(conferme()[ambiente.tipo]), pronta: voci.every((v) => v.stato === 'ok') };
  };

  return {
    stato,
    confermaIp(confermato, da) {
      const tipo = deps.settings.get().ambiente.tipo;
      const tutte = conferme();
      if (confermato) tutte[tipo] = { ipConfermatoIl: deps.clock.now().toISOString(), da };
      else delete tutte[tipo];
      const tmp = `${file}.tmp-${process.pid}`;
      writeFileSync(tmp, JSON.stringify(tutte, null, 2));
      renameSync(tmp, file);
      return stato();
    },
  };
}
