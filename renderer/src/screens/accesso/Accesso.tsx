/**
 * Before the workspace: the first start (create the first amministratore)
 * or the sign-in. Both forms check the codice fiscale inline.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button } from 'design-react-kit';
import { validaCodiceFiscale } from '../../../../shared/domain/codice-fiscale';
import type { Sessione, StatoSessione } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { Campo } from '../../components/Campo';
import { messaggioErrore } from '../../format';

function erroreCf(value: string): string | null {
  const esito = validaCodiceFiscale(value);
  return esito.valido ? null : (esito.errori[0]?.messaggio ?? 'Codice fiscale non valido.');
}

function Riquadro({ titolo, sottotitolo, children }: { titolo: string; sottotitolo: string; children: ReactNode }) {
  return (
    <div className="accesso">
      <div className="accesso__riquadro">
        <h1 className="h3 mb-1">{titolo}</h1>
        <p className="text-secondary mb-4">{sottotitolo}</p>
        {children}
      </div>
    </div>
  );
}

export function PrimoAvvio({ stato, onFatto }: { stato: StatoSessione; onFatto: (sessione: Sessione) => void }) {
  const formazione = stato.operatoreFormazione;
  const [cf, setCf] = useState(formazione?.codiceFiscale ?? '');
  const [nome, setNome] = useState(formazione?.nome ?? '');
  const [cognome, setCognome] = useState(formazione?.cognome ?? '');
  const [password, setPassword] = useState('');
  const [conferma, setConferma] = useState('');
  const [errori, setErrori] = useState<Record<string, string | null>>({});
  const [errore, setErrore] = useState<string | null>(null);
  const [invio, setInvio] = useState(false);

  const controlla = () => {
    const next: Record<string, string | null> = {
      cf: erroreCf(cf),
      nome: nome.trim() ? null : 'Indicare il nome.',
      cognome: cognome.trim() ? null : 'Indicare il cognome.',
      password: password.length >= 10 ? null : 'La password deve avere almeno 10 caratteri.',
      conferma: conferma === password ? null : 'Le due password non coincidono.',
    };
    setErrori(next);
    return Object.values(next).every((value) => value === null);
  };

  const invia = async (event: FormEvent) => {
    event.preventDefault();
    if (!bridge || !controlla()) return;
    setInvio(true);
    setErrore(null);
    try {
      onFatto(await unwrap(bridge.sessione.primoAmministratore({ codiceFiscale: cf, nome, cognome, password })));
    } catch (error) {
      setErrore(messaggioErrore(error));
    } finally {
      setInvio(false);
    }
  };

  return (
    <Riquadro titolo="Primo avvio" sottotitolo="Creare l'amministratore della postazione: potrà poi aggiungere gli altri operatori.">
      {formazione && (
        <Alert color="info">
          Ambiente di prova: i dati sono precompilati con l&apos;operatore fittizio di formazione. Scegliere solo la password.
        </Alert>
      )}
      {errore && <Alert color="danger">{errore}</Alert>}
      <form onSubmit={(event) => void invia(event)} noValidate aria-label="Creazione amministratore">
        <Campo
          label="Codice fiscale"
          required
          value={cf}
          onChange={(event) => setCf(event.target.value.toUpperCase())}
          onBlur={() => cf && setErrori((prev) => ({ ...prev, cf: erroreCf(cf) }))}
          errore={errori.cf}
          autoComplete="username"
          maxLength={16}
          spellCheck={false}
          aiuto="Sarà l'identificativo dell'operatore nelle richieste ad ANPR."
        />
        <div className="row g-3">
          <div className="col-sm-6">
            <Campo label="Cognome" required value={cognome} onChange={(event) => setCognome(event.target.value)} errore={errori.cognome} autoComplete="family-name" />
          </div>
          <div className="col-sm-6">
            <Campo label="Nome" required value={nome} onChange={(event) => setNome(event.target.value)} errore={errori.nome} autoComplete="given-name" />
          </div>
        </div>
        <Campo label="Password" type="password" required value={password} onChange={(event) => setPassword(event.target.value)} errore={errori.password} autoComplete="new-password" aiuto="Almeno 10 caratteri." />
        <Campo label="Ripetere la password" type="password" required value={conferma} onChange={(event) => setConferma(event.target.value)} errore={errori.conferma} autoComplete="new-password" />
        <Button color="primary" type="submit" disabled={invio} className="w-100 mt-2">
          {invio ? 'Creazione in corso…' : 'Crea amministratore e accedi'}
        </Button>
      </form>
    </Riquadro>
  );
}

export function Accesso({ onFatto, avviso }: { onFatto: (sessione: Sessione) => void; avviso?: string | null }) {
  const [cf, setCf] = useState('');
  const [password, setPassword] = useState('');
  const [erroreCampo, setErroreCampo] = useState<string | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [invio, setInvio] = useState(false);

  const invia = async (event: FormEvent) => {
    event.preventDefault();
    const problema = erroreCf(cf);
    setErroreCampo(problema);
    if (!bridge || problema) return;
    setInvio(true);
    setErrore(null);
    try {
      onFatto(await unwrap(bridge.sessione.accedi({ codiceFiscale: cf, password })));
    } catch (error) {
      setErrore(messaggioErrore(error));
      setPassword('');
    } finally {
      setInvio(false);
    }
  };

  return (
    <Riquadro titolo="Accesso" sottotitolo="Accedere con il proprio codice fiscale e la password dell'operatore.">
      {avviso && <Alert color="warning">{avviso}</Alert>}
      {errore && <Alert color="danger">{errore}</Alert>}
      <form onSubmit={(event) => void invia(event)} noValidate aria-label="Accesso operatore">
        <Campo
          label="Codice fiscale"
          required
          value={cf}
          onChange={(event) => setCf(event.target.value.toUpperCase())}
          errore={erroreCampo}
          autoComplete="username"
          maxLength={16}
          spellCheck={false}
          autoFocus
        />
        <Campo label="Password" type="password" required value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="current-password" />
        <Button color="primary" type="submit" disabled={invio} className="w-100 mt-2">
          {invio ? 'Accesso in corso…' : 'Accedi'}
        </Button>
      </form>
    </Riquadro>
  );
}
