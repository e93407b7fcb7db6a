/**
 * Emissione di un certificato (ANPR 6001): the person (search by codice
 * fiscale through `ricerca.*`), the certificate types, the requester and the
 * use, bollo and diritti; local rules and ANPR's answers as the core returns
 * them; preview first, then issue, view and print ANPR's PDF.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { validaCodiceFiscale } from '../../../../shared/domain/codice-fiscale';
import type {
  CertificatoArchivio,
  EsitoCertificazione,
  RichiestaCertificato,
  SchedaCompleta,
  SoggettoSintesi,
  StatoConnessione,
  TabelleCertificazione,
} from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { Campo } from '../../components/Campo';
import { formatData, formatDataOra, messaggioErrore } from '../../format';
import { centesimiDa, euro, IntestazioneCertificati, nomeTipo, VisorePdf } from './comuni';
import './certificazione.css';

type TipoRichiedente = RichiestaCertificato['richiedente']['tipo'];

interface Modulo {
  tipi: string[];
  richiedente: TipoRichiedente;
  cognome: string;
  nome: string;
  codiceFiscale: string;
  documento: string;
  dataDocumento: string;
  ente: string;
  estremiRichiesta: string;
  dataRichiesta: string;
  paEstera: RichiestaCertificato['paEstera'];
  esente: boolean;
  bollo: string;
  modalita: RichiestaCertificato['bollo']['modalita'];
  esenzione: string;
  descrizioneEsenzione: string;
  dirittiEsenti: boolean;
  diritti: string;
  forza: boolean;
}

const VUOTO: Modulo = {
  tipi: ['8'],
  richiedente: 'intestatario',
  cognome: '',
  nome: '',
  codiceFiscale: '',
  documento: '',
  dataDocumento: '',
  ente: '',
  estremiRichiesta: '',
  dataRichiesta: '',
  paEstera: '0',
  esente: false,
  bollo: '16,00',
  modalita: '1',
  esenzione: '0',
  descrizioneEsenzione: '',
  dirittiEsenti: false,
  diritti: '0,52',
  forza: false,
};

const USI: { codice: RichiestaCertificato['paEstera']; etichetta: string }[] = [
  { codice: '0', etichetta: 'Uso ordinario' },
  { codice: '1', etichetta: 'Da presentare a una PA estera' },
  { codice: '4', etichetta: "Per l'estero" },
  { codice: '2', etichetta: "Procedimenti sull'immigrazione (esente)" },
  { codice: '3', etichetta: 'Cause giudiziarie, art. 40 DPR 445/2000 (esente)' },
];

const MODALITA: { codice: RichiestaCertificato['bollo']['modalita']; etichetta: string }[] = [
  { codice: '1', etichetta: 'Bollo virtuale' },
  { codice: '2', etichetta: 'Contrassegno' },
  { codice: '9', etichetta: 'Altra modalità' },
  { codice: '', etichetta: 'Non indicata' },
];

type Fase =
  | { fase: 'modulo' }
  | { fase: 'anteprima'; pdfBase64: string; avvisi: { codice: string; testo: string }[] }
  | { fase: 'emesso'; certificato: CertificatoArchivio; pdfBase64: string; recuperato: boolean; stampe: number };

type Messaggio =
  | { tipo: 'violazioni'; esito: Extract<EsitoCertificazione, { esito: 'bloccata' }> }
  | { tipo: 'respinta'; esito: Extract<EsitoCertificazione, { esito: 'respinta' }> }
  | { tipo: 'testo'; colore: 'danger' | 'warning' | 'info' | 'success'; testo: string };

export function Emissione({ connessioneIniziale, idIniziale }: { connessioneIniziale: StatoConnessione; idIniziale?: string }) {
  const [tabelle, setTabelle] = useState<TabelleCertificazione | null>(null);
  const [connessione, setConnessione] = useState(connessioneIniziale);
  const [cf, setCf] = useState('');
  const [erroreCf, setErroreCf] = useState<string | null>(null);
  const [candidati, setCandidati] = useState<SoggettoSintesi[]>([]);
  const [scheda, setScheda] = useState<SchedaCompleta | null>(null);
  const [m, setM] = useState<Modulo>(VUOTO);
  const [fase, setFase] = useState<Fase>({ fase: 'modulo' });
  const [messaggio, setMessaggio] = useState<Messaggio | null>(null);
  const [inCorso, setInCorso] = useState<null | 'ricerca' | 'anteprima' | 'emissione'>(null);

  const zonaMessaggi = useRef<HTMLDivElement>(null);
  // An outcome (rule stopped, ANPR's refusal, offline) is brought into view and announced.
  useEffect(() => {
    if (!messaggio || !zonaMessaggi.current) return;
    zonaMessaggi.current.scrollIntoView({ block: 'start' });
    zonaMessaggi.current.focus({ preventScroll: true });
  }, [messaggio]);

  const imposta = <K extends keyof Modulo>(k: K, v: Modulo[K]) => setM((prev) => ({ ...prev, [k]: v }));

  useEffect(() => {
    if (!bridge) return;
    void unwrap(bridge.certificazione.tabelle()).then(setTabelle, (e: unknown) => setMessaggio({ tipo: 'testo', colore: 'danger', testo: messaggioErrore(e) }));
    // Issuances left pending (dropped connection, crash) come back by replaying their own id.
    void unwrap(bridge.certificazione.riconcilia()).then(
      (r) => {
        if (r.recuperati > 0) setMessaggio({ tipo: 'testo', colore: 'info', testo: `Recuperati da ANPR ${r.recuperati} certificati la cui emissione era rimasta in sospeso: sono in archivio.` });
        else if (r.inSospeso > 0) setMessaggio({ tipo: 'testo', colore: 'warning', testo: `${r.inSospeso} emissioni hanno ancora esito non noto: saranno recuperate da ANPR appena possibile. Non emettere di nuovo quei certificati.` });
      },
      () => undefined,
    );
    return bridge.eventi.connessione.cambiata(setConnessione);
  }, []);

  const apriScheda = useCallback(async (id: string) => {
    if (!bridge) return;
    setInCorso('ricerca');
    try {
      setScheda(await unwrap(bridge.ricerca.scheda({ idSchedaSoggettoANPR: id })));
      setCandidati([]);
    } catch (e) {
      setMessaggio({ tipo: 'testo', colore: 'danger', testo: messaggioErrore(e) });
    } finally {
      setInCorso(null);
    }
  }, []);

  useEffect(() => {
    if (idIniziale) void apriScheda(idIniziale);
  }, [idIniziale, apriScheda]);

  const cerca = async (event: FormEvent) => {
    event.preventDefault();
    if (!bridge) return;
    const v = validaCodiceFiscale(cf);
    if (!v.valido) {
      setErroreCf(v.errori[0]?.messaggio ?? 'Codice fiscale non valido.');
      return;
    }
    setErroreCf(null);
    setMessaggio(null);
    setScheda(null);
    setFase({ fase: 'modulo' });
    setInCorso('ricerca');
    try {
      const esito = await unwrap(bridge.ricerca.soggetti({ tipo: 'codiceFiscale', codiceFiscale: cf }));
      if (esito.soggetti.length === 0) setMessaggio({ tipo: 'testo', colore: 'warning', testo: esito.avviso ?? 'Nessun soggetto trovato.' });
      else if (esito.soggetti.length === 1) await apriScheda(esito.soggetti[0]!.idSchedaSoggettoANPR);
      else setCandidati(esito.soggetti);
    } catch (e) {
      setMessaggio({ tipo: 'testo', colore: 'danger', testo: messaggioErrore(e) });
    } finally {
      setInCorso((x) => (x === 'ricerca' ? null : x));
    }
  };

  /** Types that cannot be added to the current selection, with why. */
  const bloccati = useMemo(() => {
    const out = new Map<string, string>();
    if (!tabelle) return out;
    const desc = (c: string) => tabelle.tipi.find((t) => t.codice === c)?.descrizione ?? c;
    for (const t of tabelle.tipi) {
      if (m.tipi.includes(t.codice)) continue;
      const singolo = m.tipi.find((s) => tabelle.tipi.find((x) => x.codice === s)?.soloSingolo);
      if (m.tipi.length > 0 && t.soloSingolo) out.set(t.codice, 'Solo singolarmente');
      else if (singolo) out.set(t.codice, `Non cumulabile con «${desc(singolo)}»`);
      else {
        const c = tabelle.combinazioniVietate.find((x) => (x.a === t.codice && m.tipi.includes(x.b)) || (x.b === t.codice && m.tipi.includes(x.a)));
        if (c) out.set(t.codice, `Non cumulabile con «${desc(c.a === t.codice ? c.b : c.a)}»`);
      }
    }
    return out;
  }, [tabelle, m.tipi]);

  const bolloC = m.esente ? 0 : centesimiDa(m.bollo);
  const dirittiC = m.dirittiEsenti ? 0 : centesimiDa(m.diritti);
  const esenzioneScelta = tabelle?.esenzioni.find((e) => e.codice === m.esenzione);

  const richiesta = (): RichiestaCertificato | null => {
    if (!scheda) {
      setMessaggio({ tipo: 'testo', colore: 'warning', testo: "Cercare e scegliere prima l'intestatario del certificato." });
      return null;
    }
    if (bolloC === null || dirittiC === null) {
      setMessaggio({ tipo: 'testo', colore: 'warning', testo: 'Importi non validi: scrivere gli euro con la virgola, ad esempio 16,00.' });
      return null;
    }
    const richiedente: RichiestaCertificato['richiedente'] =
      m.richiedente === 'intestatario'
        ? { tipo: 'intestatario' }
        : m.richiedente === 'altra_persona'
          ? { tipo: 'altra_persona', cognome: m.cognome, nome: m.nome, codiceFiscale: m.codiceFiscale, documento: m.documento, dataDocumento: m.dataDocumento }
          : { tipo: 'pa', ente: m.ente, estremiRichiesta: m.estremiRichiesta, dataRichiesta: m.dataRichiesta };
    return {
      idSchedaSoggettoANPR: scheda.soggetto.idSchedaSoggettoANPR,
      tipi: m.tipi,
      richiedente,
      paEstera: m.paEstera,
      bollo: { centesimi: bolloC, modalita: m.esente ? '' : m.modalita, esenzione: m.esente ? m.esenzione || '0' : '0', descrizioneEsenzione: m.esente && m.esenzione === '99' ? m.descrizioneEsenzione : '' },
      diritti: { esenti: m.dirittiEsenti, centesimi: dirittiC },
      forzaCertificazione: m.forza,
    };
  };

  const gestisci = (esito: EsitoCertificazione) => {
    switch (esito.esito) {
      case 'bloccata':
        setMessaggio({ tipo: 'violazioni', esito });
        break;
      case 'respinta':
        setMessaggio({ tipo: 'respinta', esito });
        setFase({ fase: 'modulo' });
        break;
      case 'non_raggiungibile':
        setMessaggio({ tipo: 'testo', colore: 'danger', testo: esito.messaggio });
        break;
      case 'anteprima':
        setMessaggio(null);
        setFase({ fase: 'anteprima', pdfBase64: esito.pdfBase64, avvisi: esito.avvisi });
        break;
      case 'emesso':
        setMessaggio(esito.recuperato ? { tipo: 'testo', colore: 'info', testo: "La risposta di ANPR si era persa: il certificato è stato recuperato con lo stesso identificativo, senza emetterne un secondo." } : null);
        setFase({ fase: 'emesso', certificato: esito.certificato, pdfBase64: esito.pdfBase64, recuperato: esito.recuperato, stampe: 0 });
        break;
      case 'in_sospeso':
        setMessaggio({ tipo: 'testo', colore: 'warning', testo: esito.messaggio });
        setFase({ fase: 'modulo' });
        break;
    }
  };

  const invia = async (cosa: 'anteprima' | 'emissione') => {
    if (!bridge) return;
    const r = richiesta();
    if (!r) return;
    setInCorso(cosa);
    setMessaggio(null);
    try {
      gestisci(await unwrap(cosa === 'anteprima' ? bridge.certificazione.anteprima(r) : bridge.certificazione.emetti(r)));
    } catch (e) {
      setMessaggio({ tipo: 'testo', colore: 'danger', testo: messaggioErrore(e) });
    } finally {
      setInCorso(null);
    }
  };

  const stampato = async () => {
    if (!bridge || fase.fase !== 'emesso') return;
    try {
      const { stampe } = await unwrap(bridge.certificazione.stampa({ id: fase.certificato.id }));
      setFase({ ...fase, stampe });
    } catch (e) {
      setMessaggio({ tipo: 'testo', colore: 'danger', testo: messaggioErrore(e) });
    }
  };

  const nuovo = () => {
    setFase({ fase: 'modulo' });
    setM(VUOTO);
    setScheda(null);
    setCf('');
    setMessaggio(null);
  };

  const offline = connessione.stato === 'non_raggiungibile';
  const descrizioniTipi = m.tipi.map((t) => nomeTipo(tabelle?.tipi.find((x) => x.codice === t)?.descrizione ?? t));
  const totale = (bolloC ?? 0) + (dirittiC ?? 0);

  const riepilogo = (
    <div className="cert-card cert-riepilogo" aria-labelledby="titolo-riepilogo">
      <h2 id="titolo-riepilogo">Riepilogo</h2>
      <dl>
        <dt>Intestatario</dt>
        <dd data-testid="riepilogo-intestatario">{scheda ? `${scheda.soggetto.cognome} ${scheda.soggetto.nome}` : '—'}</dd>
        <dt>Certificato</dt>
        <dd>{descrizioniTipi.length ? descrizioniTipi.join(' + ') : '—'}</dd>
        <dt>Bollo</dt>
        <dd>{m.esente ? `Esente (${m.esenzione})` : bolloC === null ? '—' : euro(bolloC)}</dd>
        <dt>Diritti di segreteria</dt>
        <dd>{m.dirittiEsenti ? 'Esente' : dirittiC === null ? '—' : euro(dirittiC)}</dd>
        <dt className="cert-totale">Da riscuotere</dt>
        <dd className="cert-totale" data-testid="riepilogo-totale">{euro(totale)}</dd>
      </dl>
      {fase.fase === 'modulo' && (
        <div className="cert-azioni">
          <Button color="primary" onClick={() => void invia('anteprima')} disabled={inCorso !== null || !scheda} data-testid="anteprima">
            {inCorso === 'anteprima' ? 'Anteprima in corso…' : 'Anteprima del certificato'}
          </Button>
          <p className="cert-nota mb-0">Prima l&apos;anteprima di ANPR (senza protocollo), poi l&apos;emissione.</p>
        </div>
      )}
      {fase.fase === 'anteprima' && (
        <div className="cert-azioni">
          <Button color="success" onClick={() => void invia('emissione')} disabled={inCorso !== null} data-testid="emetti">
            {inCorso === 'emissione' ? 'Emissione in corso…' : 'Emetti certificato'}
          </Button>
          <Button color="primary" outline onClick={() => setFase({ fase: 'modulo' })} disabled={inCorso !== null}>
            Modifica la richiesta
          </Button>
        </div>
      )}
      {fase.fase === 'emesso' && (
        <div className="cert-azioni">
          <Button color="primary" outline onClick={nuovo} data-testid="nuovo-certificato">
            Nuovo certificato
          </Button>
          <a className="btn btn-link btn-sm" href="#/certificati/registro">
            Vai al registro del giorno
          </a>
        </div>
      )}
    </div>
  );

  return (
    <>
      <IntestazioneCertificati attiva="/certificati" />
      {offline && (
        <Alert color="warning" data-testid="avviso-offline">
          <strong>ANPR non raggiungibile.</strong> I certificati sono prodotti solo da ANPR: l&apos;emissione riprenderà appena torna il collegamento. Archivio, ristampe e registro restano disponibili.
        </Alert>
      )}
      <div ref={zonaMessaggi} tabIndex={-1} className="cert-messaggi">
        {messaggio && <MessaggioEsito messaggio={messaggio} />}
      </div>
      <div className="row g-3">
        <div className="col-lg-8">
          {fase.fase === 'modulo' ? (
            <>
              <section className="cert-card" aria-labelledby="passo-1">
                <h2 id="passo-1">
                  <span className="cert-passo" aria-hidden="true">1</span> Intestatario
                </h2>
                <form className="d-flex gap-2 align-items-start" onSubmit={(e) => void cerca(e)} role="search" aria-label="Cerca l'intestatario per codice fiscale">
                  <Campo label="Codice fiscale dell'intestatario" value={cf} onChange={(e) => setCf(e.target.value.toUpperCase())} errore={erroreCf} maxLength={16} autoComplete="off" spellCheck={false} className="flex-grow-1" />
                  <Button type="submit" color="primary" className="cert-cerca" disabled={inCorso === 'ricerca'}>
                    {inCorso === 'ricerca' ? 'Ricerca…' : 'Cerca in ANPR'}
                  </Button>
                </form>
                {candidati.length > 0 && (
                  <ul className="list-unstyled mt-2 mb-0">
                    {candidati.map((c) => (
                      <li key={c.idSchedaSoggettoANPR}>
                        <Button color="link" size="sm" onClick={() => void apriScheda(c.idSchedaSoggettoANPR)}>
                          {c.cognome} {c.nome} — nato/a il {formatData(c.dataNascita)} — {c.residenza ?? ''}
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
                {scheda && <SchedaBreve scheda={scheda} />}
                <p className="cert-nota mt-2 mb-0">
                  Per cercare per cognome, nome e data di nascita usare la <a href="#/ricerca">ricerca anagrafica</a>.
                </p>
              </section>

              <section className="cert-card" aria-labelledby="passo-2">
                <h2 id="passo-2">
                  <span className="cert-passo" aria-hidden="true">2</span> Tipo di certificato
                  <span className="cert-nota fw-normal">(più tipi = certificato cumulativo)</span>
                </h2>
                <div className="cert-tipi" role="group" aria-labelledby="passo-2">
                  {tabelle?.tipi.map((t) => {
                    const motivo = bloccati.get(t.codice);
                    const scelto = m.tipi.includes(t.codice);
                    return (
                      <label key={t.codice} className={motivo ? 'cert-tipo--disabilitato' : undefined} title={motivo}>
                        <input
                          type="checkbox"
                          checked={scelto}
                          disabled={!!motivo}
                          onChange={() => imposta('tipi', scelto ? m.tipi.filter((x) => x !== t.codice) : [...m.tipi, t.codice])}
                        />
                        <span>
                          {nomeTipo(t.descrizione)}
                          {motivo && <span className="visually-hidden"> ({motivo})</span>}
                        </span>
                      </label>
                    );
                  })}
                </div>
              </section>

              <section className="cert-card" aria-labelledby="passo-3">
                <h2 id="passo-3">
                  <span className="cert-passo" aria-hidden="true">3</span> Richiedente e uso
                </h2>
                <fieldset className="cert-radio-gruppo">
                  <legend>Chi richiede il certificato</legend>
                  <div className="cert-opzioni">
                    {(
                      [
                        ['intestatario', "L'intestatario"],
                        ['altra_persona', 'Altra persona'],
                        ['pa', 'Pubblica amministrazione'],
                      ] as const
                    ).map(([v, l]) => (
                      <label key={v}>
                        <input type="radio" name="richiedente" checked={m.richiedente === v} onChange={() => imposta('richiedente', v)} /> {l}
                      </label>
                    ))}
                  </div>
                </fieldset>
                {m.richiedente === 'altra_persona' && (
                  <div className="cert-riga mb-2">
                    <Campo label="Cognome" value={m.cognome} onChange={(e) => imposta('cognome', e.target.value)} />
                    <Campo label="Nome" value={m.nome} onChange={(e) => imposta('nome', e.target.value)} />
                    <Campo label="Codice fiscale (facoltativo)" value={m.codiceFiscale} maxLength={16} onChange={(e) => imposta('codiceFiscale', e.target.value.toUpperCase())} />
                    <Campo label="Documento (estremi)" value={m.documento} maxLength={40} onChange={(e) => imposta('documento', e.target.value)} />
                    <Campo label="Rilasciato il" type="date" value={m.dataDocumento} onChange={(e) => imposta('dataDocumento', e.target.value)} />
                  </div>
                )}
                {m.richiedente === 'pa' && (
                  <div className="cert-riga mb-2">
                    <Campo label="Amministrazione" value={m.ente} onChange={(e) => imposta('ente', e.target.value)} />
                    <Campo label="Estremi della richiesta (protocollo)" value={m.estremiRichiesta} maxLength={40} onChange={(e) => imposta('estremiRichiesta', e.target.value)} />
                    <Campo label="Data della richiesta" type="date" value={m.dataRichiesta} onChange={(e) => imposta('dataRichiesta', e.target.value)} />
                  </div>
                )}
                <div className="cert-riga">
                  <div className="cert-select">
                    <label htmlFor="uso">Uso del certificato</label>
                    <select
                      id="uso"
                      value={m.paEstera}
                      onChange={(e) => {
                        const uso = e.target.value as Modulo['paEstera'];
                        // Immigration and court use are exempt: suggest the matching exemption.
                        setM((prev) => (uso === '2' || uso === '3' ? { ...prev, paEstera: uso, esente: true, esenzione: uso === '3' ? '3' : prev.esenzione === '0' ? '99' : prev.esenzione, modalita: '', diritti: '0,26' } : { ...prev, paEstera: uso }));
                      }}
                    >
                      {USI.map((u) => (
                        <option key={u.codice} value={u.codice}>
                          {u.etichetta}
                        </option>
                      ))}
                    </select>
                  </div>
                  <label className="d-flex gap-2 align-items-center mt-4 small">
                    <input type="checkbox" checked={m.forza} onChange={(e) => imposta('forza', e.target.checked)} /> Forza certificazione (condizioni forzabili)
                  </label>
                </div>
              </section>

              <section className="cert-card" aria-labelledby="passo-4">
                <h2 id="passo-4">
                  <span className="cert-passo" aria-hidden="true">4</span> Bollo e diritti di segreteria
                </h2>
                <fieldset className="cert-radio-gruppo">
                  <legend>Imposta di bollo</legend>
                  <div className="cert-opzioni">
                    <label>
                      <input type="radio" name="bollo" checked={!m.esente} onChange={() => setM((p) => ({ ...p, esente: false, esenzione: '0', bollo: p.bollo === '0,00' ? '16,00' : p.bollo, modalita: p.modalita || '1', diritti: p.dirittiEsenti ? p.diritti : '0,52' }))} /> Dovuto
                    </label>
                    <label>
                      <input type="radio" name="bollo" checked={m.esente} onChange={() => setM((p) => ({ ...p, esente: true, esenzione: p.esenzione === '0' ? '' : p.esenzione, modalita: '', diritti: p.dirittiEsenti ? p.diritti : '0,26' }))} /> Esente
                    </label>
                  </div>
                </fieldset>
                <div className="cert-riga">
                  {!m.esente ? (
                    <>
                      <Campo label="Importo del bollo (€)" value={m.bollo} inputMode="decimal" onChange={(e) => imposta('bollo', e.target.value)} errore={bolloC === null ? 'Importo non valido.' : null} />
                      <div className="cert-select">
                        <label htmlFor="modalita">Modalità di assolvimento</label>
                        <select id="modalita" value={m.modalita} onChange={(e) => imposta('modalita', e.target.value as Modulo['modalita'])}>
                          {MODALITA.map((x) => (
                            <option key={x.codice} value={x.codice}>
                              {x.etichetta}
                            </option>
                          ))}
                        </select>
                      </div>
                    </>
                  ) : (
                    <div className="cert-select" style={{ gridColumn: '1 / -1' }}>
                      <label htmlFor="esenzione">Motivo di esenzione (Tabella 39)</label>
                      <select
                        id="esenzione"
                        value={m.esenzione}
                        onChange={(e) => {
                          const codice = e.target.value;
                          const voce = tabelle?.esenzioni.find((x) => x.codice === codice);
                          setM((p) => ({ ...p, esenzione: codice, ...(voce?.esenteDiritti ? { dirittiEsenti: true, diritti: '0,00' } : {}) }));
                        }}
                      >
                        <option value="">Scegliere il motivo…</option>
                        {tabelle?.esenzioni.map((x) => (
                          <option key={x.codice} value={x.codice}>
                            {x.codice} – {x.descrizione}
                          </option>
                        ))}
                      </select>
                      {esenzioneScelta?.esenteDiritti && <div className="cert-nota mt-1">Questo motivo esenta anche dai diritti di segreteria.</div>}
                    </div>
                  )}
                </div>
                {m.esente && m.esenzione === '99' && (
                  <div className="mt-2">
                    <label htmlFor="descrizione-esenzione" className="campo__label">
                      Descrizione dell&apos;esenzione (obbligatoria per il motivo 99)
                    </label>
                    <textarea id="descrizione-esenzione" className="form-control" rows={2} value={m.descrizioneEsenzione} onChange={(e) => imposta('descrizioneEsenzione', e.target.value)} aria-describedby="descrizione-conteggio" />
                    <div id="descrizione-conteggio" className={`cert-nota${m.descrizioneEsenzione.length > 256 ? ' text-danger' : ''}`}>
                      {m.descrizioneEsenzione.length}/256 caratteri
                    </div>
                  </div>
                )}
                <div className="cert-riga mt-2">
                  <label className="d-flex gap-2 align-items-center small mt-4">
                    <input type="checkbox" checked={m.dirittiEsenti} onChange={(e) => setM((p) => ({ ...p, dirittiEsenti: e.target.checked, diritti: e.target.checked ? '0,00' : p.esente ? '0,26' : '0,52' }))} /> Esente dai diritti di segreteria
                  </label>
                  <Campo label="Diritti di segreteria (€)" value={m.diritti} inputMode="decimal" disabled={m.dirittiEsenti} onChange={(e) => imposta('diritti', e.target.value)} errore={dirittiC === null ? 'Importo non valido.' : null} />
                </div>
                {tabelle && (
                  <p className="cert-nota mt-2 mb-0">
                    Importi abituali: bollo {euro(tabelle.predefiniti.bolloCentesimi)}, diritti {euro(tabelle.predefiniti.dirittiCentesimi)} ({euro(tabelle.predefiniti.dirittiEsenteBolloCentesimi)} se esente da bollo).
                  </p>
                )}
              </section>
            </>
          ) : fase.fase === 'anteprima' ? (
            <section className="cert-card" aria-labelledby="titolo-anteprima">
              <h2 id="titolo-anteprima">Anteprima di ANPR — senza numero di protocollo, non valida</h2>
              {fase.avvisi.length > 0 && (
                <Alert color="warning">
                  Avvisi di ANPR: {fase.avvisi.map((a) => `${a.testo} (${a.codice})`).join('; ')}
                </Alert>
              )}
              <VisorePdf base64={fase.pdfBase64} titolo="Anteprima del certificato restituita da ANPR" />
            </section>
          ) : (
            <section className="cert-card" aria-labelledby="titolo-emesso">
              <h2 id="titolo-emesso">Certificato emesso</h2>
              <Alert color="success" className="py-2 mb-2" data-testid="certificato-emesso">
                Protocollo ANPR <strong className="cert-protocollo" data-testid="protocollo-anpr">{fase.certificato.protocolloAnpr}</strong> · emesso il {fase.certificato.emesso ? formatDataOra(fase.certificato.emesso) : '—'} · archiviato (SHA-256{' '}
                <span className="cert-hash">{fase.certificato.sha256?.slice(0, 16)}…</span>)
                {fase.stampe > 0 && <> · stampato {fase.stampe === 1 ? 'una volta' : `${fase.stampe} volte`}</>}
              </Alert>
              <VisorePdf base64={fase.pdfBase64} titolo={`Certificato ${fase.certificato.protocolloAnpr ?? ''} restituito da ANPR`} onStampa={() => void stampato()} etichettaStampa="Stampa il certificato" />
            </section>
          )}
        </div>
        <div className="col-lg-4">{riepilogo}</div>
      </div>
    </>
  );
}

function SchedaBreve({ scheda }: { scheda: SchedaCompleta }) {
  const s = scheda.soggetto;
  return (
    <div className="cert-soggetto" data-testid="intestatario-scelto">
      <div>
        <div className="cert-soggetto__nome">
          {s.cognome} {s.nome}
        </div>
        <dl>
          <dt>Codice fiscale</dt>
          <dd>{s.codiceFiscale ?? '—'}</dd>
          <dt>Nascita</dt>
          <dd>
            {formatData(s.dataNascita)} {s.luogoNascita ? `a ${s.luogoNascita}` : ''}
          </dd>
          <dt>Residenza</dt>
          <dd>{s.residenza ?? '—'}</dd>
          <dt>Famiglia</dt>
          <dd>{scheda.famiglia ? `${scheda.famiglia.componenti.length} ${scheda.famiglia.componenti.length === 1 ? 'componente' : 'componenti'}${s.famiglia?.relazione ? ` · ${s.famiglia.relazione}` : ''}` : '—'}</dd>
        </dl>
      </div>
      <div className="text-end">
        <span className={`cert-stato ${s.condizione === 'residente' ? 'cert-stato--emesso' : 'cert-stato--respinto'}`}>{s.condizione === 'residente' ? 'Residente' : s.condizione === 'deceduto' ? 'Deceduto' : 'Cancellato'}</span>
        <div className="cert-nota mt-1">{scheda.fonte === 'anpr' ? 'Dati letti ora da ANPR' : 'Dati locali, non certificabili'}</div>
      </div>
    </div>
  );
}

function MessaggioEsito({ messaggio }: { messaggio: Messaggio }) {
  if (messaggio.tipo === 'violazioni') {
    return (
      <Alert color="danger" data-testid="violazioni">
        <strong>Richiesta non inviata ad ANPR:</strong> {messaggio.esito.violazioni.length === 1 ? 'una regola non è rispettata.' : `${messaggio.esito.violazioni.length} regole non sono rispettate.`}
        <ul className="cert-violazioni">
          {messaggio.esito.violazioni.map((v, i) => (
            <li key={`${v.regola}-${i}`} data-regola={v.regola}>
              {v.messaggio}
              {v.condizioneAnpr && (
                <span className="cert-regola">
                  Regola ANPR «{v.sezione}»{v.tipoCertificato ? ` (certificato tipo ${v.tipoCertificato})` : ''}: <em>{v.condizioneAnpr}</em>
                </span>
              )}
            </li>
          ))}
        </ul>
      </Alert>
    );
  }
  if (messaggio.tipo === 'respinta') {
    return (
      <Alert color="danger" data-testid="rifiuto-anpr">
        <strong>ANPR ha rifiutato il certificato.</strong>
        <ul className="cert-violazioni">
          {messaggio.esito.errori.map((e, i) => (
            <li key={`${e.codice}-${i}`}>
              <strong>{e.codice}</strong> — {e.testo}
            </li>
          ))}
        </ul>
        <span className="cert-nota">Identificativo operazione {messaggio.esito.idOperazioneComune}</span>
      </Alert>
    );
  }
  return (
    <Alert color={messaggio.colore} data-testid="messaggio-certificazione">
      {messaggio.testo}
    </Alert>
  );
}
