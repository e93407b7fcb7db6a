/**
 * Two pieces of the pratica page that are not a form:
 * - the link back to the citizen's online request a pratica belongs to
 *   (issue 15: a P003 state change of that request, or the registration
 *   started from it);
 * - the page of a pratica whose service has no form module (a P003, which
 *   the app drafts itself from the request's sheet): header, state, ANPR's
 *   messages and errors, the link back, live from `pratiche.cambiata`.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Callout } from 'design-react-kit';
import type { PraticaAperta, PraticaVista } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { formatDataOra, messaggioErrore } from '../../format';
import { navigate } from '../../routing';
import { puoModificare, useSessione } from '../../session';
import { BannerCoda } from './BannerCoda';
import { SERVIZI, STATI_ACCOLTI } from './etichette';
import { ErroriAnpr, StatoBadge } from './Pratiche';
import './pratiche.css';

/** "Avviata dalla richiesta online n. …", linking to the request's sheet. */
export function RichiestaCollegata({ richiesta }: { richiesta: PraticaVista['richiesta'] }) {
  if (!richiesta) return null;
  return (
    // Divs, not paragraphs: bootstrap-italia sets a callout's paragraphs in Lora, a font the app does not ship.
    <Callout highlight className="my-2" testId="pratica-richiesta">
      <div>
        <a href={`#/richieste/${richiesta.codiceRichiesta}`}>
          Avviata dalla richiesta online n. {richiesta.codiceRichiesta} ({richiesta.tipologiaTitolo})
        </a>
      </div>
    </Callout>
  );
}

export function PraticaSenzaModulo({ iniziale }: { iniziale: PraticaAperta }) {
  const { sessione } = useSessione();
  const [aperta, setAperta] = useState<PraticaAperta>(iniziale);
  const [esito, setEsito] = useState<string | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const p = aperta.pratica;
  const stato = p.stato;
  // Answers other than `pratiche.apri` may omit the link: the one read when the page opened stays.
  const richiesta = p.richiesta ?? iniziale.pratica.richiesta;

  // Live state of this pratica.
  useEffect(() => {
    if (!bridge) return;
    return bridge.eventi.pratiche.cambiata((e) => {
      if (e.praticaId !== iniziale.pratica.id) return;
      void unwrap(bridge!.pratiche.apri({ id: e.praticaId }))
        .then(setAperta)
        .catch(() => undefined);
    });
  }, [iniziale.pratica.id]);

  const inviaOra = async () => {
    if (!bridge) return;
    setErrore(null);
    try {
      const r = await unwrap(bridge.pratiche.invia({ id: p.id }));
      setAperta((prev) => ({ ...prev, pratica: r.pratica }));
      setEsito('Invio richiesto.');
    } catch (e) {
      setErrore(messaggioErrore(e));
    }
  };

  const titolo = SERVIZI[p.servizio] ?? `Pratica ${p.servizio}`;
  return (
    <>
      <nav aria-label="Percorso" className="briciole">
        <a href="#/pratiche">Pratiche</a> <span aria-hidden="true">›</span> <span>Pratica {p.servizio}</span>
      </nav>
      <div className="testata-modulo">
        <div>
          <h1 className="h3 mb-1">
            <span className="codice-servizio codice-servizio--grande">{p.servizio}</span> {titolo}
          </h1>
          <p className="mb-0 text-secondary">
            {richiesta
              ? "Preparata dall'applicazione dalla scheda della richiesta online: non ha un modulo da compilare."
              : 'Questa pratica non ha un modulo da compilare.'}
          </p>
        </div>
        <div className="testata-modulo__stato">
          <StatoBadge stato={stato} annullamento={p.annullamento} />
          <span className="autosalvataggio" data-testid="autosalvataggio">
            Sola lettura
          </span>
        </div>
      </div>
      <RichiestaCollegata richiesta={richiesta} />
      {stato !== 'bozza' && <BannerCoda puoModificare={puoModificare(sessione.ruolo)} />}
      {p.messaggio && !['bozza', 'pronta', 'in_invio'].includes(stato) && (
        <div
          className={`alert py-2 ${STATI_ACCOLTI.includes(stato) ? 'alert-success' : stato === 'respinta' || stato === 'richiede_intervento' ? 'alert-danger' : 'alert-info'}`}
          role="status"
          data-testid="messaggio-pratica"
        >
          {p.messaggio}
        </div>
      )}
      {aperta.errori.length > 0 && <ErroriAnpr praticaId={p.id} errori={aperta.errori} modificabile={false} />}
      {esito && (
        <div className="alert alert-success py-2" role="status" data-testid="esito-azione">
          {esito}
        </div>
      )}
      {errore && <Alert color="danger">{errore}</Alert>}
      <div className="barra-azioni">
        {['pronta', 'in_invio', 'esito_incerto'].includes(stato) && puoModificare(sessione.ruolo) && (
          <Button color="primary" outline type="button" onClick={() => void inviaOra()}>
            Invia ora
          </Button>
        )}
        <Button color="secondary" outline type="button" onClick={() => navigate(`/pratiche?id=${p.id}`)}>
          Torna alle pratiche
        </Button>
        <span className="barra-azioni__ids small text-secondary">
          {titolo} · {p.idOperazioneComune ? `id comune ${p.idOperazioneComune}` : 'nessun invio'}
          {p.idOperazioneANPR ? ` · id ANPR ${p.idOperazioneANPR}` : ''} · aggiornata il {formatDataOra(p.aggiornata)}
        </span>
      </div>
    </>
  );
}
