/**
 * The confirmation dialog of one action on a request's sheet (a state change
 * or an extension): where the request goes, what the clerk should know, the
 * notes and the motive when the state needs them. Confirming asks the core
 * for a P003 through the queue (`richieste.cambiaStato`); the core checks
 * everything again. On error the dialog stays open with what was typed.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import type { AzioneRichiesta, PraticaDellaRichiesta } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { messaggioErrore } from '../../format';

const MAX_NOTE = 2000;

export interface EsitoAzione {
  messaggio: string;
  pratica: PraticaDellaRichiesta;
}

export function DialogoAzione({
  codiceRichiesta,
  azione,
  motivi,
  isOpen,
  onChiudi,
  onChiuso,
  onFatto,
}: {
  codiceRichiesta: string;
  azione: AzioneRichiesta;
  motivi: { codice: string; descrizione: string }[];
  isOpen: boolean;
  /** Annulla, Esc or the backdrop: the parent sets isOpen to false. */
  onChiudi: () => void;
  /** After the closing transition (the parent may unmount the dialog). */
  onChiuso: () => void;
  onFatto: (esito: EsitoAzione) => void;
}) {
  const base = useId();
  const idTitolo = `${base}-titolo`;
  const idNote = `${base}-note`;
  const idMotivo = `${base}-motivo`;
  const [note, setNote] = useState('');
  const [motivo, setMotivo] = useState('');
  const [erroreNote, setErroreNote] = useState<string | null>(null);
  const [erroreMotivo, setErroreMotivo] = useState<string | null>(null);
  const [erroreCore, setErroreCore] = useState<string | null>(null);
  const [inCorso, setInCorso] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const motivoRef = useRef<HTMLSelectElement>(null);

  const chiudi = () => {
    if (!inCorso) onChiudi();
  };

  const conferma = async (event?: FormEvent) => {
    event?.preventDefault();
    if (inCorso) return;
    setErroreCore(null);
    const testo = note.trim();
    const mancaNote = azione.noteObbligatorie && !testo ? 'Indicare le note: per questo cambio di stato sono obbligatorie.' : null;
    const mancaMotivo = azione.motivoObbligatorio && !motivo ? 'Scegliere il motivo.' : null;
    setErroreNote(mancaNote);
    setErroreMotivo(mancaMotivo);
    if (mancaNote || mancaMotivo) {
      // The field to fix takes the focus: its error is read with it (aria-describedby).
      setTimeout(() => (mancaNote ? noteRef.current : motivoRef.current)?.focus(), 0);
      return;
    }
    if (!bridge) return;
    setInCorso(true);
    try {
      const r = await unwrap(
        bridge.richieste.cambiaStato({
          codiceRichiesta,
          verso: azione.verso,
          ...(testo ? { note: testo } : {}),
          ...(azione.motivoObbligatorio && motivo ? { motivo } : {}),
        }),
      );
      setInCorso(false);
      onFatto({ messaggio: r.messaggio, pratica: r.pratica });
    } catch (e) {
      setInCorso(false);
      setErroreCore(messaggioErrore(e));
    }
  };

  const destinazione = azione.versoTitolo
    ? `La richiesta passa a «${azione.versoTitolo}».`
    : (azione.avvertenza ?? 'Si chiede ad ANPR la proroga del termine per concludere la richiesta.');

  return (
    <Modal isOpen={isOpen} toggle={chiudi} labelledBy={idTitolo} onClosed={onChiuso} backdrop={inCorso ? 'static' : true} keyboard={!inCorso} data-testid="dialogo-azione">
      <form onSubmit={(e) => void conferma(e)} noValidate>
        {/* No close button in the header: its label would become part of the dialog's name. */}
        <ModalHeader id={idTitolo}>{azione.etichetta}</ModalHeader>
        <ModalBody>
          <p data-testid="dialogo-azione-destinazione">{destinazione}</p>
          {azione.avvertenza && azione.versoTitolo && (
            <div className="alert alert-warning py-2" data-testid="dialogo-azione-avvertenza">
              {azione.avvertenza}
            </div>
          )}
          <div className="campo mb-3">
            <label htmlFor={idNote} className="campo__label">
              Note{azione.noteObbligatorie ? ' (obbligatorie)' : ''}
            </label>
            <textarea
              id={idNote}
              ref={noteRef}
              className={`form-control${erroreNote ? ' is-invalid' : ''}`}
              rows={4}
              maxLength={MAX_NOTE}
              required={azione.noteObbligatorie}
              aria-invalid={erroreNote ? true : undefined}
              aria-describedby={`${idNote}-aiuto${erroreNote ? ` ${idNote}-errore` : ''}`}
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                if (erroreNote && e.target.value.trim()) setErroreNote(null);
              }}
            />
            <div id={`${idNote}-aiuto`} className="campo__aiuto">
              {azione.noteObbligatorie ? 'ANPR non accetta questo cambio di stato senza note.' : 'Facoltative.'} Al massimo {MAX_NOTE} caratteri ({note.length} usati).
            </div>
            {erroreNote && (
              <div id={`${idNote}-errore`} className="campo__errore">
                {erroreNote}
              </div>
            )}
          </div>
          {azione.motivoObbligatorio && (
            <div className="campo mb-3">
              <label htmlFor={idMotivo} className="campo__label">
                Motivo
              </label>
              <select
                id={idMotivo}
                ref={motivoRef}
                className={`form-select${erroreMotivo ? ' is-invalid' : ''}`}
                required
                aria-invalid={erroreMotivo ? true : undefined}
                aria-describedby={erroreMotivo ? `${idMotivo}-errore` : undefined}
                value={motivo}
                onChange={(e) => {
                  setMotivo(e.target.value);
                  if (e.target.value) setErroreMotivo(null);
                }}
              >
                <option value="">Scegliere il motivo…</option>
                {motivi.map((m) => (
                  <option key={m.codice} value={m.codice}>
                    {m.codice} — {m.descrizione}
                  </option>
                ))}
              </select>
              {erroreMotivo && (
                <div id={`${idMotivo}-errore`} className="campo__errore">
                  {erroreMotivo}
                </div>
              )}
            </div>
          )}
          {erroreCore && (
            <div className="alert alert-danger py-2 mb-0" role="alert" data-testid="dialogo-azione-errore">
              {erroreCore}
            </div>
          )}
        </ModalBody>
        <ModalFooter>
          <Button color="primary" type="submit" disabled={inCorso}>
            {inCorso ? 'Invio in corso…' : 'Conferma'}
          </Button>
          <Button color="secondary" outline type="button" onClick={chiudi} disabled={inCorso}>
            Annulla
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
