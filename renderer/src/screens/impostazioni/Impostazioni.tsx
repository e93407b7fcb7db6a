/**
 * Impostazioni (amministratore): comune, ANPR environment (PRODUZIONE only
 * after typing the confirmation word), the inactivity lock, how often the
 * citizens' online requests are read in the background, certificates,
 * operators.
 */
import { useCallback, useEffect, useState, type FormEvent, type MouseEvent, type ReactNode } from 'react';
import { Button } from 'design-react-kit';
import { validaCodiceFiscale } from '../../../../shared/domain/codice-fiscale';
import {
  CONFERMA_PRODUZIONE,
  ETICHETTE_RUOLO,
  MINUTI_INATTIVITA,
  MINUTI_LETTURA_RICHIESTE,
  RuoloSchema,
  type BundleCa,
  type CertificatoCa,
  type InfoCertificato,
  type Operatore,
  type RiepilogoHome,
  type Ruolo,
  type TipoAmbiente,
  type TipoCertificato,
} from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { Campo } from '../../components/Campo';
import { SceltaFile } from '../../components/SceltaFile';
import { formatData, formatDataOra, messaggioErrore } from '../../format';
import { useSessione } from '../../session';

type Esito = { tipo: 'success' | 'danger'; testo: string } | null;

function EsitoAzione({ esito }: { esito: Esito }) {
  if (!esito) return null;
  return (
    <div role={esito.tipo === 'danger' ? 'alert' : 'status'} className={`alert alert-${esito.tipo} mt-3 mb-0`}>
      {esito.testo}
    </div>
  );
}

function Sezione({ id, titolo, descrizione, children }: { id: string; titolo: string; descrizione: string; children: ReactNode }) {
  return (
    <section className="pannello mb-4" aria-labelledby={id}>
      <h2 id={id} className="pannello__titolo" tabIndex={-1}>
        {titolo}
      </h2>
      <p className="text-secondary">{descrizione}</p>
      {children}
    </section>
  );
}

function SezioneComune({ riepilogo, onCambiato }: { riepilogo: RiepilogoHome; onCambiato: () => void }) {
  const [istat, setIstat] = useState(riepilogo.comune.codiceIstat);
  const [denominazione, setDenominazione] = useState(riepilogo.comune.denominazione);
  const [errore, setErrore] = useState<string | null>(null);
  const [esito, setEsito] = useState<Esito>(null);
  const salva = async (event: FormEvent) => {
    event.preventDefault();
    const problema = /^\d{6}$/.test(istat) ? null : 'Il codice ISTAT è formato da 6 cifre.';
    setErrore(problema);
    if (!bridge || problema) return;
    try {
      await unwrap(bridge.impostazioni.salvaComune({ codiceIstat: istat, denominazione }));
      setEsito({ tipo: 'success', testo: 'Comune salvato.' });
      onCambiato();
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  };
  return (
    <Sezione id="imp-comune" titolo="Comune" descrizione="Il comune per cui lavora questa postazione (codice ISTAT a 6 cifre).">
      <form onSubmit={(event) => void salva(event)} noValidate aria-label="Comune" className="row g-3 align-items-end">
        <div className="col-md-3">
          <Campo label="Codice ISTAT" required value={istat} onChange={(event) => setIstat(event.target.value.trim())} errore={errore} maxLength={6} inputMode="numeric" />
        </div>
        <div className="col-md-6">
          <Campo label="Denominazione" required value={denominazione} onChange={(event) => setDenominazione(event.target.value)} />
        </div>
        <div className="col-md-3">
          <Button color="primary" type="submit" className="mb-3">
            Salva comune
          </Button>
        </div>
      </form>
      <EsitoAzione esito={esito} />
    </Sezione>
  );
}

const AMBIENTI: { tipo: TipoAmbiente; titolo: string; testo: string }[] = [
  { tipo: 'SIMULATORE', titolo: 'Ambiente di prova locale', testo: 'Simulatore ANPR integrato: dati fittizi, per formazione.' },
  { tipo: 'TEST', titolo: 'ANPR – TEST', testo: 'Ambiente di collaudo del Ministero: nessun valore legale.' },
  { tipo: 'PRODUZIONE', titolo: 'ANPR – PRODUZIONE', testo: "Anagrafe nazionale reale: ogni operazione ha valore legale." },
];

function SezioneAmbiente({ riepilogo, onCambiato }: { riepilogo: RiepilogoHome; onCambiato: () => void }) {
  const [tipo, setTipo] = useState<TipoAmbiente>(riepilogo.ambiente.tipo);
  const [endpoint, setEndpoint] = useState(riepilogo.ambiente.endpoint.startsWith('https://') ? riepilogo.ambiente.endpoint : '');
  const [conferma, setConferma] = useState('');
  const [esito, setEsito] = useState<Esito>(null);
  const produzione = tipo === 'PRODUZIONE' && riepilogo.ambiente.tipo !== 'PRODUZIONE';
  const salva = async (event: FormEvent) => {
    event.preventDefault();
    if (!bridge) return;
    if (produzione && conferma !== CONFERMA_PRODUZIONE) {
      setEsito({ tipo: 'danger', testo: `Per passare in PRODUZIONE digitare ${CONFERMA_PRODUZIONE} nel campo di conferma.` });
      return;
    }
    try {
      const salvato = await unwrap(bridge.ambiente.salva({ tipo, ...(tipo !== 'SIMULATORE' && endpoint ? { endpoint } : {}), ...(tipo === 'PRODUZIONE' ? { conferma: CONFERMA_PRODUZIONE } : {}) }));
      setEsito({ tipo: 'success', testo: `Ambiente impostato: ${salvato.etichetta}.` });
      setConferma('');
      onCambiato();
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  };
  return (
    <Sezione id="imp-ambiente" titolo="Ambiente ANPR" descrizione="Dove vengono inviate le richieste. Il cambio vale per tutti gli operatori della postazione.">
      <form onSubmit={(event) => void salva(event)} noValidate aria-label="Ambiente ANPR">
        <fieldset>
          <legend className="visually-hidden">Ambiente</legend>
          <div className="scelta-ambiente">
            {AMBIENTI.map((a) => (
              <label key={a.tipo} className={`scelta-ambiente__opzione scelta-ambiente__opzione--${a.tipo}${tipo === a.tipo ? ' scelta-ambiente__opzione--attiva' : ''}`}>
                <input type="radio" name="ambiente" value={a.tipo} checked={tipo === a.tipo} onChange={() => setTipo(a.tipo)} />
                <span>
                  <strong className="d-block">{a.titolo}</strong>
                  <span className="small">{a.testo}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {tipo !== 'SIMULATORE' && (
          <div className="row g-3 mt-1">
            <div className="col-md-8">
              <Campo
                label="Indirizzo del servizio (facoltativo)"
                value={endpoint}
                onChange={(event) => setEndpoint(event.target.value)}
                placeholder={tipo === 'TEST' ? 'https://wstest.anpr.interno.it' : 'https://ws.anpr.interno.it'}
                aiuto="Lasciare vuoto per l'indirizzo ufficiale."
                spellCheck={false}
              />
            </div>
          </div>
        )}
        {produzione && (
          <div className="conferma-produzione" role="group" aria-labelledby="conferma-produzione-titolo">
            <p id="conferma-produzione-titolo" className="fw-bold mb-1">
              Attenzione: in PRODUZIONE ogni pratica modifica l&apos;anagrafe nazionale.
            </p>
            <Campo label={`Per confermare digitare ${CONFERMA_PRODUZIONE}`} value={conferma} onChange={(event) => setConferma(event.target.value)} autoComplete="off" spellCheck={false} />
          </div>
        )}
        <Button color={produzione ? 'danger' : 'primary'} type="submit" className="mt-2">
          {produzione ? 'Passa a PRODUZIONE' : 'Salva ambiente'}
        </Button>
      </form>
      <EsitoAzione esito={esito} />
    </Sezione>
  );
}

/** A settings section holding one number of minutes within limits: its field, its check, its save and the outcome. */
function SezioneMinuti(props: {
  id: string;
  titolo: string;
  descrizione: string;
  etichetta: string;
  aiuto: (limiti: { minimo: number; massimo: number; predefiniti: number }) => string;
  pulsante: string;
  limiti: { minimo: number; massimo: number; predefiniti: number };
  valore: number;
  /** Saves the minutes; returns the sentence that confirms it. */
  salva: (minuti: number) => Promise<string>;
  onCambiato: () => void;
}) {
  const { minimo, massimo } = props.limiti;
  const [minuti, setMinuti] = useState(String(props.valore));
  const [errore, setErrore] = useState<string | null>(null);
  const [esito, setEsito] = useState<Esito>(null);
  const salva = async (event: FormEvent) => {
    event.preventDefault();
    const valore = Number(minuti);
    const problema = /^\d+$/.test(minuti) && valore >= minimo && valore <= massimo ? null : `Indicare un numero intero di minuti da ${minimo} a ${massimo}.`;
    setErrore(problema);
    if (!bridge || problema) return;
    try {
      setEsito({ tipo: 'success', testo: await props.salva(valore) });
      props.onCambiato();
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  };
  return (
    <Sezione id={props.id} titolo={props.titolo} descrizione={props.descrizione}>
      <form onSubmit={(event) => void salva(event)} noValidate aria-label={props.titolo} className="row g-3 align-items-end">
        <div className="col-md-5">
          <Campo
            label={props.etichetta}
            required
            type="number"
            inputMode="numeric"
            min={minimo}
            max={massimo}
            step={1}
            value={minuti}
            onChange={(event) => setMinuti(event.target.value.trim())}
            errore={errore}
            aiuto={props.aiuto(props.limiti)}
          />
        </div>
        <div className="col-md-3">
          <Button color="primary" type="submit" className="mb-3">
            {props.pulsante}
          </Button>
        </div>
      </form>
      <EsitoAzione esito={esito} />
    </Sezione>
  );
}

function SezioneSicurezza({ riepilogo, onCambiato }: { riepilogo: RiepilogoHome; onCambiato: () => void }) {
  return (
    <SezioneMinuti
      id="imp-sicurezza"
      titolo="Sicurezza"
      descrizione="Chiude la sessione dell'operatore che si allontana dalla postazione, perché chi arriva dopo non possa operare a suo nome."
      etichetta="Minuti di inattività prima del blocco"
      aiuto={({ minimo, massimo, predefiniti }) =>
        `Trascorso questo tempo senza operazioni, occorre accedere di nuovo; i dati già inseriti nei moduli delle pratiche restano. Da ${minimo} a ${massimo} minuti (predefinito ${predefiniti}).`
      }
      pulsante="Salva sicurezza"
      limiti={MINUTI_INATTIVITA}
      valore={riepilogo.sicurezza.minutiInattivita}
      salva={async (minutiInattivita) => {
        const salvata = await unwrap(bridge!.impostazioni.salvaSicurezza({ minutiInattivita }));
        return `Blocco per inattività impostato a ${salvata.minutiInattivita} ${salvata.minutiInattivita === 1 ? 'minuto' : 'minuti'}.`;
      }}
      onCambiato={onCambiato}
    />
  );
}

function SezioneLetturaRichieste({ riepilogo, onCambiato }: { riepilogo: RiepilogoHome; onCambiato: () => void }) {
  return (
    <SezioneMinuti
      id="imp-richieste"
      titolo="Richieste online"
      descrizione="Ogni quanto la postazione legge da ANPR le richieste presentate dai cittadini sul portale (in aggiunta al pulsante «Aggiorna da ANPR»)."
      etichetta="Aggiorna le richieste online ogni (minuti)"
      aiuto={({ minimo, massimo, predefiniti }) => `Da ${minimo} a ${massimo} minuti (predefinito ${predefiniti}). Vale per tutti gli operatori della postazione.`}
      pulsante="Salva richieste online"
      limiti={MINUTI_LETTURA_RICHIESTE}
      // An older core may not send the setting yet: the default is shown.
      valore={riepilogo.letturaRichieste?.minutiAggiornamento ?? MINUTI_LETTURA_RICHIESTE.predefiniti}
      salva={async (minutiAggiornamento) => {
        const salvata = await unwrap(bridge!.impostazioni.salvaLetturaRichieste({ minutiAggiornamento }));
        return `Richieste online lette da ANPR ogni ${salvata.minutiAggiornamento} minuti.`;
      }}
      onCambiato={onCambiato}
    />
  );
}

function leggiFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('Impossibile leggere il file.'));
    reader.readAsDataURL(file);
  });
}

function RigaCertificato({ nome, info }: { nome: string; info: InfoCertificato | null }) {
  if (!info) {
    return (
      <tr>
        <th scope="row">{nome}</th>
        <td colSpan={5} className="text-secondary">
          Non importato
        </td>
      </tr>
    );
  }
  const scaduto = info.daysToExpiry < 0;
  return (
    <tr>
      <th scope="row">{nome}</th>
      <td>
        <span className="d-block fw-semibold">{info.commonName}</span>
        <span className="small text-secondary text-break">{info.subject}</span>
      </td>
      <td>{info.codiceIstat ?? '—'}</td>
      <td className="font-monospace small text-break">{info.serialNumber}</td>
      <td>
        {formatData(info.notBefore)} – {formatData(info.notAfter)}
      </td>
      <td>
        {scaduto ? (
          <span className="badge bg-danger">Scaduto</span>
        ) : info.expiryWarning ? (
          <span className="badge bg-warning text-dark">Scade tra {info.daysToExpiry} giorni</span>
        ) : (
          <span className="badge bg-success">Valido</span>
        )}
      </td>
    </tr>
  );
}

function SezioneCertificati() {
  const [elenco, setElenco] = useState<{ comune: InfoCertificato | null; postazione: InfoCertificato | null } | null>(null);
  const [tipo, setTipo] = useState<TipoCertificato>('comune');
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [esito, setEsito] = useState<Esito>(null);
  const carica = useCallback(async () => {
    if (!bridge) return;
    try {
      setElenco(await unwrap(bridge.certificati.elenco()));
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  }, []);
  useEffect(() => void carica(), [carica]);
  const importa = async (event: FormEvent) => {
    event.preventDefault();
    if (!bridge) return;
    if (!file) {
      setEsito({ tipo: 'danger', testo: 'Scegliere il file del certificato (.p12 o .pfx).' });
      return;
    }
    try {
      const info = await unwrap(bridge.certificati.importa({ tipo, p12Base64: await leggiFile(file), passphrase }));
      setEsito({ tipo: 'success', testo: `Certificato ${info.commonName} importato, valido fino al ${formatData(info.notAfter)}.` });
      setPassphrase('');
      await carica();
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  };
  return (
    <Sezione id="imp-certificati" titolo="Certificati" descrizione="Il certificato del comune (nnnnnn-CO-9999.p12) firma le richieste; quello della postazione è facoltativo. La chiave privata resta su questo computer.">
      <div className="table-responsive">
        <table className="table align-middle">
          <caption className="visually-hidden">Certificati importati</caption>
          <thead>
            <tr>
              <th scope="col">Tipo</th>
              <th scope="col">Intestatario</th>
              <th scope="col">ISTAT</th>
              <th scope="col">Numero di serie</th>
              <th scope="col">Validità</th>
              <th scope="col">Stato</th>
            </tr>
          </thead>
          <tbody>
            <RigaCertificato nome="Comune" info={elenco?.comune ?? null} />
            <RigaCertificato nome="Postazione" info={elenco?.postazione ?? null} />
          </tbody>
        </table>
      </div>
      <form onSubmit={(event) => void importa(event)} noValidate aria-label="Importa certificato" className="row g-3 align-items-end">
        <div className="col-md-3">
          <label htmlFor="cert-tipo" className="campo__label">
            Tipo di certificato
          </label>
          <select id="cert-tipo" className="form-select" value={tipo} onChange={(event) => setTipo(event.target.value as TipoCertificato)}>
            <option value="comune">Comune</option>
            <option value="postazione">Postazione</option>
          </select>
        </div>
        <div className="col-md-4">
          <SceltaFile id="cert-file" etichetta="File .p12 / .pfx" accept=".p12,.pfx,application/x-pkcs12" file={file} onScelta={setFile} />
        </div>
        <div className="col-md-3">
          <Campo label="Password del certificato" type="password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} autoComplete="off" className="mb-0" />
        </div>
        <div className="col-md-2">
          <Button color="primary" type="submit">
            Importa
          </Button>
        </div>
      </form>
      <EsitoAzione esito={esito} />
    </Sezione>
  );
}

function leggiTesto(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('Impossibile leggere il file.'));
    reader.readAsText(file);
  });
}

function StatoCertificatoCa({ c }: { c: CertificatoCa }) {
  if (c.scaduto) return <span className="badge bg-danger">Scaduto</span>;
  if (c.inScadenza) return <span className="badge bg-warning text-dark">Scade tra {c.giorniAllaScadenza} giorni</span>;
  return <span className="badge bg-success">Valido</span>;
}

/** The ANPR CA bundle: which certificates the postazione trusts for ANPR's server (TEST/PRODUZIONE). */
function SezioneCa() {
  const [bundle, setBundle] = useState<BundleCa | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [esito, setEsito] = useState<Esito>(null);
  const carica = useCallback(async () => {
    if (!bridge) return;
    try {
      setBundle(await unwrap(bridge.certificati.ca()));
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  }, []);
  useEffect(() => void carica(), [carica]);
  const importa = async (event: FormEvent) => {
    event.preventDefault();
    if (!bridge) return;
    if (!file) {
      setEsito({ tipo: 'danger', testo: 'Scegliere il file PEM della CA di ANPR (.pem, .crt o .cer in formato testo).' });
      return;
    }
    try {
      const nuovo = await unwrap(bridge.certificati.importaCa({ pem: await leggiTesto(file) }));
      setBundle(nuovo);
      setEsito({ tipo: 'success', testo: `Bundle CA di ANPR importato: ${nuovo.certificati.length} ${nuovo.certificati.length === 1 ? 'certificato' : 'certificati'}.` });
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  };
  const rimuovi = async () => {
    if (!bridge) return;
    try {
      setBundle(await unwrap(bridge.certificati.rimuoviCa()));
      setEsito({ tipo: 'success', testo: 'Bundle CA importato rimosso.' });
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  };
  return (
    <Sezione
      id="imp-ca"
      titolo="Bundle CA di ANPR"
      descrizione="La catena di certificati della CA che firma il certificato dei server di ANPR (TEST e PRODUZIONE): solo con questa la postazione riconosce ANPR. Quando ANPR cambia CA, importare qui il nuovo file PEM."
    >
      {bundle?.errore && (
        <div className="alert alert-warning" data-testid="ca-errore">
          {bundle.errore}
        </div>
      )}
      {bundle && bundle.certificati.length > 0 && (
        <>
          <p className="mb-2">
            {bundle.origine === 'importato' ? `Importato il ${formatDataOra(bundle.importatoIl ?? '')}.` : "Bundle fornito con l'applicazione."}
          </p>
          {/* Focusable: the table scrolls sideways on narrow windows, and must be scrollable with the keyboard. */}
          <div className="table-responsive" tabIndex={0} role="region" aria-label="Certificati del bundle CA di ANPR">
            <table className="table align-middle" data-testid="tabella-ca">
              <caption className="visually-hidden">Certificati del bundle CA di ANPR</caption>
              <thead>
                <tr>
                  <th scope="col">Intestatario</th>
                  <th scope="col">Emesso da</th>
                  <th scope="col">Validità</th>
                  <th scope="col">Impronta SHA-256</th>
                  <th scope="col">Stato</th>
                </tr>
              </thead>
              <tbody>
                {bundle.certificati.map((c) => (
                  <tr key={c.sha256}>
                    <th scope="row">
                      <span className="d-block fw-semibold">{c.commonName}</span>
                      <span className="small text-secondary text-break">{c.subject}</span>
                    </th>
                    <td className="small text-break">{c.issuer}</td>
                    <td>
                      {formatData(c.validoDal)} – {formatData(c.validoFino)}
                    </td>
                    <td className="font-monospace small text-break">{c.sha256}</td>
                    <td>
                      <StatoCertificatoCa c={c} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {bundle.avvisi.map((a) => (
            <div key={a} className="alert alert-warning py-2">
              {a}
            </div>
          ))}
        </>
      )}
      <form onSubmit={(event) => void importa(event)} noValidate aria-label="Importa bundle CA" className="row g-3 align-items-end">
        <div className="col-md-6">
          <SceltaFile id="ca-file" etichetta="File PEM della CA di ANPR" accept=".pem,.crt,.cer,application/x-pem-file" file={file} onScelta={setFile} />
        </div>
        <div className="col-md-6 d-flex gap-2">
          <Button color="primary" type="submit">
            {bundle?.origine === 'importato' ? 'Sostituisci bundle CA' : 'Importa bundle CA'}
          </Button>
          {bundle?.origine === 'importato' && (
            <Button color="danger" outline type="button" onClick={() => void rimuovi()}>
              Rimuovi bundle CA
            </Button>
          )}
        </div>
      </form>
      <EsitoAzione esito={esito} />
    </Sezione>
  );
}

/** The amministratore gives an operator a new initial password (forgotten password): "da cambiare" at the next sign-in. */
function ReimpostaPassword({ operatore, onReimposta }: { operatore: Operatore; onReimposta: (password: string) => Promise<void> }) {
  const [aperto, setAperto] = useState(false);
  const [password, setPassword] = useState('');
  const [errore, setErrore] = useState<string | null>(null);
  const nome = `${operatore.cognome} ${operatore.nome}`;
  if (!aperto) {
    return (
      <Button color="primary" size="xs" outline className="me-2" onClick={() => setAperto(true)} aria-label={`Reimposta password di ${nome}`}>
        Reimposta password
      </Button>
    );
  }
  const invia = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 10) {
      setErrore('Almeno 10 caratteri.');
      return;
    }
    await onReimposta(password);
    setAperto(false);
    setPassword('');
    setErrore(null);
  };
  return (
    <form onSubmit={(event) => void invia(event)} noValidate aria-label={`Nuova password di ${nome}`} className="mb-2">
      <Campo label={`Nuova password iniziale di ${nome}`} type="password" required value={password} onChange={(event) => setPassword(event.target.value)} errore={errore} autoComplete="new-password" className="mb-1" />
      <Button color="primary" size="xs" type="submit" className="me-2">
        Reimposta
      </Button>
      <Button color="secondary" size="xs" outline onClick={() => setAperto(false)}>
        Annulla
      </Button>
    </form>
  );
}

function SezioneOperatori() {
  const { sessione } = useSessione();
  const [operatori, setOperatori] = useState<Operatore[]>([]);
  const [nuovo, setNuovo] = useState({ codiceFiscale: '', cognome: '', nome: '', ruolo: 'operatore' as Ruolo, password: '' });
  const [errori, setErrori] = useState<Record<string, string | null>>({});
  const [esito, setEsito] = useState<Esito>(null);
  const carica = useCallback(async () => {
    if (!bridge) return;
    try {
      setOperatori(await unwrap(bridge.operatori.elenco()));
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  }, []);
  useEffect(() => void carica(), [carica]);

  const aggiorna = async (codiceFiscale: string, patch: { ruolo?: Ruolo; attivo?: boolean; nuovaPassword?: string }) => {
    if (!bridge) return;
    try {
      await unwrap(bridge.operatori.aggiorna({ codiceFiscale, ...patch }));
      setEsito({
        tipo: 'success',
        testo: patch.nuovaPassword ? 'Password reimpostata: comunicarla all\'operatore, che dovrà cambiarla al primo accesso.' : 'Operatore aggiornato.',
      });
      await carica();
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  };

  const crea = async (event: FormEvent) => {
    event.preventDefault();
    const cf = validaCodiceFiscale(nuovo.codiceFiscale);
    const next = {
      codiceFiscale: cf.valido ? null : (cf.errori[0]?.messaggio ?? 'Codice fiscale non valido.'),
      cognome: nuovo.cognome.trim() ? null : 'Indicare il cognome.',
      nome: nuovo.nome.trim() ? null : 'Indicare il nome.',
      password: nuovo.password.length >= 10 ? null : 'Almeno 10 caratteri.',
    };
    setErrori(next);
    if (!bridge || Object.values(next).some(Boolean)) return;
    try {
      const creato = await unwrap(bridge.operatori.crea(nuovo));
      setEsito({ tipo: 'success', testo: `Operatore ${creato.cognome} ${creato.nome} creato: comunicargli la password iniziale, che dovrà cambiare al primo accesso.` });
      setNuovo({ codiceFiscale: '', cognome: '', nome: '', ruolo: 'operatore', password: '' });
      await carica();
    } catch (error) {
      setEsito({ tipo: 'danger', testo: messaggioErrore(error) });
    }
  };

  return (
    <Sezione id="imp-operatori" titolo="Operatori" descrizione="Chi può usare la postazione. Il codice fiscale dell'operatore è inviato ad ANPR con ogni richiesta.">
      <div className="table-responsive">
        <table className="table align-middle" data-testid="tabella-operatori">
          <caption className="visually-hidden">Operatori</caption>
          <thead>
            <tr>
              <th scope="col">Operatore</th>
              <th scope="col">Codice fiscale</th>
              <th scope="col">Ruolo</th>
              <th scope="col">Ultimo accesso</th>
              <th scope="col">Stato</th>
            </tr>
          </thead>
          <tbody>
            {operatori.map((o) => {
              const io = o.codiceFiscale === sessione.codiceFiscale;
              return (
                <tr key={o.codiceFiscale}>
                  <th scope="row" className="fw-semibold">
                    {o.cognome} {o.nome}
                    {io && <span className="small text-secondary"> (lei)</span>}
                  </th>
                  <td className="font-monospace">{o.codiceFiscale}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={`ruolo-${o.codiceFiscale}`}>
                      Ruolo di {o.cognome} {o.nome}
                    </label>
                    <select id={`ruolo-${o.codiceFiscale}`} className="form-select form-select-sm" value={o.ruolo} disabled={io} onChange={(event) => void aggiorna(o.codiceFiscale, { ruolo: event.target.value as Ruolo })}>
                      {RuoloSchema.options.map((r) => (
                        <option key={r} value={r}>
                          {ETICHETTE_RUOLO[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {o.ultimoAccesso ? formatDataOra(o.ultimoAccesso) : 'mai'}
                    {o.passwordDaCambiare && <div className="small text-secondary">Password iniziale da cambiare</div>}
                  </td>
                  <td>
                    {!io && <ReimpostaPassword operatore={o} onReimposta={(nuovaPassword) => aggiorna(o.codiceFiscale, { nuovaPassword })} />}
                    {io ? (
                      <span className="badge bg-success">Attivo</span>
                    ) : (
                      <Button color={o.attivo ? 'danger' : 'success'} size="xs" outline onClick={() => void aggiorna(o.codiceFiscale, { attivo: !o.attivo })} aria-label={`${o.attivo ? 'Disattiva' : 'Riattiva'} ${o.cognome} ${o.nome}`}>
                        {o.attivo ? 'Disattiva' : 'Riattiva'}
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3 className="h6 mt-2">Nuovo operatore</h3>
      <form onSubmit={(event) => void crea(event)} noValidate aria-label="Nuovo operatore" className="row g-3 align-items-start">
        <div className="col-lg-3 col-md-6">
          <Campo label="Codice fiscale" required value={nuovo.codiceFiscale} onChange={(event) => setNuovo({ ...nuovo, codiceFiscale: event.target.value.toUpperCase() })} errore={errori.codiceFiscale} maxLength={16} spellCheck={false} autoComplete="off" />
        </div>
        <div className="col-lg-2 col-md-6">
          <Campo label="Cognome" required value={nuovo.cognome} onChange={(event) => setNuovo({ ...nuovo, cognome: event.target.value })} errore={errori.cognome} autoComplete="off" />
        </div>
        <div className="col-lg-2 col-md-6">
          <Campo label="Nome" required value={nuovo.nome} onChange={(event) => setNuovo({ ...nuovo, nome: event.target.value })} errore={errori.nome} autoComplete="off" />
        </div>
        <div className="col-lg-2 col-md-6">
          <label htmlFor="nuovo-ruolo" className="campo__label">
            Ruolo
          </label>
          <select id="nuovo-ruolo" className="form-select" value={nuovo.ruolo} onChange={(event) => setNuovo({ ...nuovo, ruolo: event.target.value as Ruolo })}>
            {RuoloSchema.options.map((r) => (
              <option key={r} value={r}>
                {ETICHETTE_RUOLO[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="col-lg-3 col-md-6">
          <Campo label="Password iniziale" type="password" required value={nuovo.password} onChange={(event) => setNuovo({ ...nuovo, password: event.target.value })} errore={errori.password} autoComplete="new-password" />
        </div>
        <div className="col-12">
          <Button color="primary" type="submit">
            Aggiungi operatore
          </Button>
        </div>
      </form>
      <EsitoAzione esito={esito} />
    </Sezione>
  );
}

const INDICE = [
  ['imp-comune', 'Comune'],
  ['imp-ambiente', 'Ambiente ANPR'],
  ['imp-sicurezza', 'Sicurezza'],
  ['imp-richieste', 'Richieste online'],
  ['imp-certificati', 'Certificati'],
  ['imp-ca', 'Bundle CA di ANPR'],
  ['imp-operatori', 'Operatori'],
] as const;

/** In-page links: the hash drives the router, so scroll and focus instead of navigating. */
function vaiA(event: MouseEvent<HTMLAnchorElement>, id: string) {
  event.preventDefault();
  const titolo = document.getElementById(id);
  titolo?.scrollIntoView({ block: 'start' });
  titolo?.focus();
}

export function Impostazioni({ riepilogo, onCambiato }: { riepilogo: RiepilogoHome; onCambiato: () => void }) {
  // `#/impostazioni?sezione=imp-ca` (links from the go-live checklist and from error messages) opens at that section.
  useEffect(() => {
    const sezione = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('sezione');
    const titolo = sezione ? document.getElementById(sezione) : null;
    titolo?.scrollIntoView({ block: 'start' });
    titolo?.focus();
  }, []);
  return (
    <>
      <h1 className="h2 mb-3">Impostazioni</h1>
      <p className="mb-3">
        <a href="#/messa-in-esercizio" className="fw-semibold">
          Messa in esercizio: la lista di controllo per lavorare con ANPR
        </a>
      </p>
      <nav aria-label="Sezioni delle impostazioni" className="mb-3">
        <ul className="indice-sezioni">
          {INDICE.map(([id, etichetta]) => (
            <li key={id}>
              <a href={`#${id}`} onClick={(event) => vaiA(event, id)}>
                {etichetta}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <SezioneComune riepilogo={riepilogo} onCambiato={onCambiato} />
      <SezioneAmbiente key={riepilogo.ambiente.tipo} riepilogo={riepilogo} onCambiato={onCambiato} />
      <SezioneSicurezza riepilogo={riepilogo} onCambiato={onCambiato} />
      <SezioneLetturaRichieste riepilogo={riepilogo} onCambiato={onCambiato} />
      <SezioneCertificati />
      <SezioneCa />
      <SezioneOperatori />
    </>
  );
}
