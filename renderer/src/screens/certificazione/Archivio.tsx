/**
 * Archivio dei certificati: every issuance (issued, refused, pending) with
 * its ANPR protocol, hash and amounts; an issued certificate opens from the
 * archive exactly as ANPR sent it (hash checked) and can be reprinted.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import type { CertificatoArchivio, StatoCertificato } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { Campo } from '../../components/Campo';
import { formatDataOra, messaggioErrore } from '../../format';
import { euro, IntestazioneCertificati, nomeTipo, oggiIso, VisorePdf } from './comuni';
import './certificazione.css';

export const ETICHETTE_STATO: Record<StatoCertificato, string> = {
  emesso: 'Emesso',
  respinto: 'Respinto da ANPR',
  non_emesso: 'Non emesso',
  in_emissione: 'Esito in sospeso',
};

interface Filtro {
  dal: string;
  al: string;
  testo: string;
  stato: StatoCertificato | '';
}

export function Archivio() {
  const [filtro, setFiltro] = useState<Filtro>({ dal: '', al: '', testo: '', stato: '' });
  const [righe, setRighe] = useState<CertificatoArchivio[] | null>(null);
  const [aperto, setAperto] = useState<{ certificato: CertificatoArchivio; pdfBase64: string; integro: boolean } | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [avviso, setAvviso] = useState<string | null>(null);

  const carica = useCallback(async (f: Filtro) => {
    if (!bridge) return;
    try {
      setRighe((await unwrap(bridge.certificazione.archivio({ ...f, operatore: '' }))).certificati);
      setErrore(null);
    } catch (e) {
      setErrore(messaggioErrore(e));
    }
  }, []);

  useEffect(() => {
    void carica({ dal: '', al: '', testo: '', stato: '' });
  }, [carica]);

  const cerca = (event: FormEvent) => {
    event.preventDefault();
    void carica(filtro);
  };

  const apri = async (c: CertificatoArchivio) => {
    if (!bridge) return;
    try {
      const pdf = await unwrap(bridge.certificazione.pdf({ id: c.id }));
      setAperto({ certificato: c, pdfBase64: pdf.pdfBase64, integro: pdf.integro });
      setAvviso(null);
    } catch (e) {
      setErrore(messaggioErrore(e));
    }
  };

  const ristampato = async () => {
    if (!bridge || !aperto) return;
    try {
      const { stampe } = await unwrap(bridge.certificazione.stampa({ id: aperto.certificato.id }));
      setAvviso(`Ristampa registrata (stampe totali: ${stampe}).`);
      void carica(filtro);
    } catch (e) {
      setErrore(messaggioErrore(e));
    }
  };

  return (
    <>
      <IntestazioneCertificati attiva="/certificati/archivio" />
      <form className="cert-filtri cert-card" onSubmit={cerca} aria-label="Filtri dell'archivio">
        <Campo label="Dal" type="date" value={filtro.dal} max={oggiIso()} onChange={(e) => setFiltro({ ...filtro, dal: e.target.value })} />
        <Campo label="Al" type="date" value={filtro.al} onChange={(e) => setFiltro({ ...filtro, al: e.target.value })} />
        <Campo label="Codice fiscale, cognome o protocollo" value={filtro.testo} onChange={(e) => setFiltro({ ...filtro, testo: e.target.value })} style={{ minWidth: '18rem' }} />
        <div className="cert-select">
          <label htmlFor="filtro-stato">Stato</label>
          <select id="filtro-stato" value={filtro.stato} onChange={(e) => setFiltro({ ...filtro, stato: e.target.value as Filtro['stato'] })}>
            <option value="">Tutti</option>
            {Object.entries(ETICHETTE_STATO).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" color="primary">
          Cerca
        </Button>
      </form>
      {errore && <Alert color="danger">{errore}</Alert>}
      <div className="row g-3">
        <div className={aperto ? 'col-lg-7' : 'col-12'}>
          {righe && righe.length === 0 && <p className="text-muted">Nessun certificato corrisponde ai filtri.</p>}
          {righe && righe.length > 0 && (
            <div className="cert-tabella-contenitore">
            <table className="cert-tabella" data-testid="archivio-tabella">
              <caption className="visually-hidden">Certificati in archivio</caption>
              <thead>
                <tr>
                  <th scope="col">Emesso</th>
                  <th scope="col">Protocollo ANPR</th>
                  <th scope="col">Certificato</th>
                  <th scope="col">Intestatario</th>
                  <th scope="col" className="num">
                    Bollo
                  </th>
                  <th scope="col" className="num">
                    Diritti
                  </th>
                  <th scope="col">Stato</th>
                  <th scope="col">
                    <span className="visually-hidden">Azioni</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {righe.map((c) => (
                  <tr key={c.id} className={aperto?.certificato.id === c.id ? 'cert-riga--selezionata' : undefined} data-testid="archivio-riga">
                    <td>{formatDataOra(c.emesso ?? c.creato)}</td>
                    <td className="cert-protocollo">{c.protocolloAnpr ?? '—'}</td>
                    <td>{c.tipi.map((t) => nomeTipo(t.descrizione)).join(' + ')}</td>
                    <td>
                      {c.intestatario.nominativo}
                      <div className="cert-nota">{c.intestatario.codiceFiscale}</div>
                    </td>
                    <td className="num">{euro(c.bolloCentesimi)}</td>
                    <td className="num">{euro(c.dirittiCentesimi)}</td>
                    <td>
                      <span className={`cert-stato cert-stato--${c.stato}`}>{ETICHETTE_STATO[c.stato]}</span>
                      {c.errori.length > 0 && c.stato === 'respinto' && <div className="cert-nota">{c.errori.map((e) => e.codice).join(', ')}</div>}
                    </td>
                    <td>
                      {c.stato === 'emesso' && (
                        <Button color="primary" outline size="sm" onClick={() => void apri(c)} aria-label={`Apri il certificato ${c.protocolloAnpr ?? ''}`}>
                          Apri
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
        </div>
        {aperto && (
          <div className="col-lg-5">
            <section className="cert-card" aria-labelledby="titolo-ristampa">
              <h2 id="titolo-ristampa">Protocollo {aperto.certificato.protocolloAnpr}</h2>
              {aperto.integro ? (
                <p className="cert-nota mb-2" data-testid="integrita">
                  Copia d&apos;archivio identica a quella di ANPR (SHA-256 verificato): <span className="cert-hash">{aperto.certificato.sha256}</span>
                </p>
              ) : (
                <Alert color="danger">Il file in archivio non corrisponde più alla sua impronta SHA-256: non ristamparlo e avvisare l&apos;amministratore.</Alert>
              )}
              {avviso && (
                <Alert color="success" className="py-2">
                  {avviso}
                </Alert>
              )}
              <VisorePdf base64={aperto.pdfBase64} titolo={`Certificato ${aperto.certificato.protocolloAnpr ?? ''} dall'archivio`} onStampa={aperto.integro ? () => void ristampato() : undefined} etichettaStampa="Ristampa" />
            </section>
          </div>
        )}
      </div>
    </>
  );
}
