/**
 * The signed-in operator changes their own password. With `obbligatoria`,
 * it is the only screen shown: the password is the initial one set by the
 * amministratore, and the core refuses everything else until it is changed.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { REGOLE_PASSWORD } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { Campo } from '../../components/Campo';
import { messaggioErrore } from '../../format';

type Errori = { attuale?: string | null; nuova?: string | null; conferma?: string | null };

function controlla(attuale: string, nuova: string, conferma: string): Errori {
  return {
    attuale: attuale ? null : 'Indicare la password attuale.',
    nuova:
      nuova.length < 10
        ? 'La nuova password deve avere almeno 10 caratteri.'
        : nuova.length > 200
          ? 'La nuova password è troppo lunga (al massimo 200 caratteri).'
          : nuova === attuale
            ? 'La nuova password deve essere diversa da quella attuale.'
            : null,
    conferma: conferma === nuova ? null : 'Le due password non coincidono.',
  };
}

export function CambiaPassword({ obbligatoria = false, onCambiata }: { obbligatoria?: boolean; onCambiata?: () => void }) {
  const [attuale, setAttuale] = useState('');
  const [nuova, setNuova] = useState('');
  const [conferma, setConferma] = useState('');
  const [errori, setErrori] = useState<Errori>({});
  const [errore, setErrore] = useState<string | null>(null);
  const [fatto, setFatto] = useState(false);
  const [invio, setInvio] = useState(false);
  const titolo = useRef<HTMLHeadingElement>(null);
  useEffect(() => titolo.current?.focus(), []);

  const invia = async (event: FormEvent) => {
    event.preventDefault();
    const next = controlla(attuale, nuova, conferma);
    setErrori(next);
    setFatto(false);
    if (!bridge || Object.values(next).some(Boolean)) return;
    setInvio(true);
    setErrore(null);
    try {
      await unwrap(bridge.sessione.cambiaPassword({ attuale, nuova }));
      setAttuale('');
      setNuova('');
      setConferma('');
      setFatto(true);
      onCambiata?.();
    } catch (error) {
      setErrore(messaggioErrore(error));
      setAttuale('');
    } finally {
      setInvio(false);
    }
  };

  return (
    <div className="accesso">
      <div className="accesso__riquadro">
        <h1 className="h3 mb-1" tabIndex={-1} ref={titolo}>
          Cambia password
        </h1>
        <p className="text-secondary mb-3">
          {obbligatoria
            ? "La password attuale è stata assegnata dall'amministratore: sceglierne una propria per continuare."
            : 'Scegliere una nuova password per il proprio utente.'}
        </p>
        {obbligatoria && <Alert color="warning">Prima del cambio della password iniziale non è possibile usare le altre funzioni della postazione.</Alert>}
        <div className="mb-3">
          <p className="fw-semibold mb-1">La nuova password deve essere:</p>
          <ul className="mb-0">
            {REGOLE_PASSWORD.map((regola) => (
              <li key={regola}>{regola}</li>
            ))}
          </ul>
        </div>
        {errore && <Alert color="danger">{errore}</Alert>}
        {fatto && !obbligatoria && (
          <div className="alert alert-success" role="status">
            Password cambiata.
          </div>
        )}
        <form onSubmit={(event) => void invia(event)} noValidate aria-label="Cambio password">
          <Campo label="Password attuale" type="password" required value={attuale} onChange={(event) => setAttuale(event.target.value)} errore={errori.attuale} autoComplete="current-password" />
          <Campo
            label="Nuova password"
            type="password"
            required
            value={nuova}
            onChange={(event) => setNuova(event.target.value)}
            errore={errori.nuova}
            autoComplete="new-password"
            aiuto="Almeno 10 caratteri, diversa da quella attuale."
          />
          <Campo label="Ripetere la nuova password" type="password" required value={conferma} onChange={(event) => setConferma(event.target.value)} errore={errori.conferma} autoComplete="new-password" />
          <Button color="primary" type="submit" disabled={invio} className="w-100 mt-2">
            {invio ? 'Cambio in corso…' : 'Cambia password'}
          </Button>
        </form>
      </div>
    </div>
  );
}
