/**
 * Registro del giorno: the certificates issued on a date (optionally by one
 * operator) with the totals of bollo and diritti collected, exportable to
 * CSV and PDF for the accounts office.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import type { RegistroCertificati } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { Campo } from '../../components/Campo';
import { messaggioErrore } from '../../format';
import { euro, IntestazioneCertificati, nomeTipo, oggiIso, scarica } from './comuni';
import './certificazione.css';

const ora = (iso: string | null) => (iso ? new Intl.DateTimeFormat('it-IT', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)) : '—');

export function Registro() {
  const [data, setData] = useState(oggiIso());
  const [operatore, setOperatore] = useState('');
  const [registro, setRegistro] = useState<RegistroCertificati | null>(null);
  const [errore, setErrore] = useState<string | null>(null);

  const carica = useCallback(async (d: string, op: string) => {
    if (!bridge || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return;
    try {
      setRegistro(await unwrap(bridge.certificazione.registro({ data: d, operatore: op })));
      setErrore(null);
    } catch (e) {
      setErrore(messaggioErrore(e));
    }
  }, []);

  useEffect(() => {
    void carica(data, operatore);
  }, [carica, data, operatore]);

  const esporta = async (formato: 'csv' | 'pdf') => {
    if (!bridge) return;
    try {
      const f = await unwrap(bridge.certificazione.esporta({ data, operatore, formato }));
      scarica(f.nomeFile, f.mime, f.contenutoBase64);
    } catch (e) {
      setErrore(messaggioErrore(e));
    }
  };

  return (
    <>
      <IntestazioneCertificati attiva="/certificati/registro" />
      <div className="cert-filtri cert-card">
        <Campo label="Giorno" type="date" value={data} onChange={(e) => setData(e.target.value)} />
        <div className="cert-select">
          <label htmlFor="registro-operatore">Operatore</label>
          <select id="registro-operatore" value={operatore} onChange={(e) => setOperatore(e.target.value)}>
            <option value="">Tutti gli operatori</option>
            {registro?.operatori.map((o) => (
              <option key={o.codiceFiscale} value={o.codiceFiscale}>
                {o.nominativo}
              </option>
            ))}
          </select>
        </div>
        <div className="ms-auto d-flex gap-2">
          <Button color="primary" outline onClick={() => void esporta('csv')} data-testid="esporta-csv">
            Esporta CSV
          </Button>
          <Button color="primary" onClick={() => void esporta('pdf')} data-testid="esporta-pdf">
            Esporta PDF
          </Button>
        </div>
      </div>
      {errore && <Alert color="danger">{errore}</Alert>}
      {registro && (
        <>
          <div className="cert-totali" aria-label="Totali del giorno">
            <div>
              <div className="etichetta">Certificati emessi</div>
              <div className="valore" data-testid="totale-certificati">
                {registro.totali.certificati}
              </div>
            </div>
            <div>
              <div className="etichetta">Bollo riscosso</div>
              <div className="valore" data-testid="totale-bollo">
                {euro(registro.totali.bolloCentesimi)}
              </div>
            </div>
            <div>
              <div className="etichetta">Diritti di segreteria</div>
              <div className="valore" data-testid="totale-diritti">
                {euro(registro.totali.dirittiCentesimi)}
              </div>
            </div>
          </div>
          {registro.righe.length === 0 ? (
            <p className="text-muted">Nessun certificato emesso in questo giorno{operatore ? " dall'operatore scelto" : ''}.</p>
          ) : (
            <table className="cert-tabella" data-testid="registro-tabella">
              <caption className="visually-hidden">Certificati emessi il giorno scelto</caption>
              <thead>
                <tr>
                  <th scope="col">N.</th>
                  <th scope="col">Ora</th>
                  <th scope="col">Protocollo ANPR</th>
                  <th scope="col">Certificato</th>
                  <th scope="col">Intestatario</th>
                  <th scope="col">Richiedente</th>
                  <th scope="col" className="num">
                    Bollo
                  </th>
                  <th scope="col" className="num">
                    Diritti
                  </th>
                  <th scope="col">Operatore</th>
                </tr>
              </thead>
              <tbody>
                {registro.righe.map((r, i) => (
                  <tr key={r.id} data-testid="registro-riga">
                    <td>{i + 1}</td>
                    <td>{ora(r.emesso)}</td>
                    <td className="cert-protocollo">{r.protocolloAnpr}</td>
                    <td>{r.tipi.map((t) => nomeTipo(t.descrizione)).join(' + ')}</td>
                    <td>{r.intestatario.nominativo}</td>
                    <td>{r.richiedente}</td>
                    <td className="num">{r.esenzioneBollo !== '0' ? <span title={`Esenzione ${r.esenzioneBollo}`}>esente</span> : euro(r.bolloCentesimi)}</td>
                    <td className="num">{euro(r.dirittiCentesimi)}</td>
                    <td>{r.operatore.nominativo}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td colSpan={6}>Totale ({registro.totali.certificati})</td>
                  <td className="num">{euro(registro.totali.bolloCentesimi)}</td>
                  <td className="num">{euro(registro.totali.dirittiCentesimi)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          )}
        </>
      )}
    </>
  );
}
