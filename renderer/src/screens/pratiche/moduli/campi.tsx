/**
 * Field components shared by the operation forms, bound to react-hook-form.
 * Same markup as components/Campo (bootstrap-italia classes, label, hint and
 * inline error linked by aria-describedby, aria-invalid), plus selects,
 * type-ahead (datalist) and the recurring groups (subject, place, act).
 */
import { useId, type ReactNode } from 'react';
import { get, useWatch, type FieldValues, type Path, type PathValue, type UseFormReturn } from 'react-hook-form';
import { CercaComune } from '../../../components/CercaComune';
import { cfCalcolato, iso, RELAZIONI_PARENTELA, type GeneralitaValori, type Voce } from '../../../../../shared/anpr/moduli/regole';
import { useStatiEsteri, useTabella } from './tabelle';
import { vociDi, type ListaCodici } from '../../../../../shared/anpr/moduli/tabelle-dati';

type Form<V extends FieldValues> = UseFormReturn<V>;

function messaggio<V extends FieldValues>(form: Form<V>, nome: string): string | undefined {
  const e = get(form.formState.errors, nome) as { message?: unknown } | undefined;
  return typeof e?.message === 'string' ? e.message : undefined;
}

interface BaseProps<V extends FieldValues> {
  form: Form<V>;
  nome: string;
  label: string;
  aiuto?: ReactNode;
  obbligatorio?: boolean;
  className?: string;
}

function Involucro({ id, label, aiuto, errore, obbligatorio, className, children }: { id: string; label: string; aiuto?: ReactNode; errore?: string; obbligatorio?: boolean; className?: string; children: ReactNode }) {
  return (
    <div className={`campo ${className ?? ''}`}>
      <label htmlFor={id} className="campo__label">
        {label}
        {obbligatorio && <span className="campo__obbligatorio" aria-hidden="true"> *</span>}
      </label>
      {children}
      {aiuto && (
        <div id={`${id}-aiuto`} className="campo__aiuto">
          {aiuto}
        </div>
      )}
      {errore && (
        <div id={`${id}-errore`} className="campo__errore" role="alert">
          {errore}
        </div>
      )}
    </div>
  );
}

function descritto(id: string, aiuto: ReactNode, errore: string | undefined): string | undefined {
  return [aiuto ? `${id}-aiuto` : null, errore ? `${id}-errore` : null].filter(Boolean).join(' ') || undefined;
}

export function CampoTesto<V extends FieldValues>({
  form,
  nome,
  label,
  aiuto,
  obbligatorio,
  className,
  maxLength,
  placeholder,
  lista,
  inputMode,
  autoComplete = 'off',
  monospace,
}: BaseProps<V> & { maxLength?: number; placeholder?: string; lista?: string; inputMode?: 'numeric' | 'text'; autoComplete?: string; monospace?: boolean }) {
  const id = useId();
  const errore = messaggio(form, nome);
  return (
    <Involucro id={id} label={label} aiuto={aiuto} errore={errore} obbligatorio={obbligatorio} className={`${className ?? ''}${monospace ? ' campo--monospace' : ''}`}>
      <input
        id={id}
        type="text"
        className={`form-control${errore ? ' is-invalid' : ''}`}
        aria-invalid={errore ? true : undefined}
        aria-describedby={descritto(id, aiuto, errore)}
        aria-required={obbligatorio || undefined}
        maxLength={maxLength}
        placeholder={placeholder}
        list={lista}
        inputMode={inputMode}
        autoComplete={autoComplete}
        {...form.register(nome as Path<V>)}
      />
    </Involucro>
  );
}

export function CampoData<V extends FieldValues>(props: BaseProps<V>) {
  return <CampoTesto {...props} maxLength={10} placeholder="gg/mm/aaaa" inputMode="numeric" aiuto={props.aiuto ?? 'Formato gg/mm/aaaa.'} />;
}

export function CampoSelect<V extends FieldValues>({
  form,
  nome,
  label,
  aiuto,
  obbligatorio,
  className,
  voci,
  vuota = 'Scegliere…',
  mostraCodice = true,
  inAttesa,
}: BaseProps<V> & { voci: readonly Voce[]; vuota?: string | false; mostraCodice?: boolean; inAttesa?: string }) {
  const id = useId();
  const errore = messaggio(form, nome);
  const comune = {
    id,
    className: `form-select${errore ? ' is-invalid' : ''}`,
    'aria-invalid': errore ? true : undefined,
    'aria-describedby': descritto(id, aiuto, errore),
    'aria-required': obbligatorio || undefined,
  } as const;
  return (
    <Involucro id={id} label={label} aiuto={aiuto} errore={errore} obbligatorio={obbligatorio} className={className}>
      {inAttesa !== undefined ? (
        // Not registered while the table loads: the form keeps its value and the real select shows it once mounted.
        <select {...comune} disabled aria-busy="true">
          <option value="">{inAttesa}</option>
        </select>
      ) : (
        <select {...comune} {...form.register(nome as Path<V>)}>
          {vuota !== false && <option value="">{vuota}</option>}
          {voci.map((v) => (
            <option key={v.codice} value={v.codice}>
              {mostraCodice ? `${v.codice} – ${v.descrizione}` : v.descrizione}
            </option>
          ))}
        </select>
      )}
    </Involucro>
  );
}

/**
 * A select over an official table: the form lists the codes it offers
 * (`lista`), the descriptions are the official ones read through the bridge.
 */
export function SceltaTabella<V extends FieldValues>({ lista, ...props }: Omit<Parameters<typeof CampoSelect<V>>[0], 'voci' | 'inAttesa'> & { lista: ListaCodici }) {
  const tabella = useTabella(lista.tabella);
  const voci = tabella.stato === 'pronta' ? vociDi(lista) : [];
  const inAttesa =
    tabella.stato === 'caricamento'
      ? `Caricamento della tabella ${lista.tabella}…`
      : tabella.stato === 'errore'
        ? `Tabella ${lista.tabella} non disponibile: ${tabella.messaggio}`
        : voci.length === 0
          ? `Nessuna voce disponibile nella tabella ${lista.tabella}`
          : undefined;
  return <CampoSelect {...props} voci={voci} inAttesa={inAttesa} />;
}

export function CampoSpunta<V extends FieldValues>({ form, nome, label, aiuto }: Omit<BaseProps<V>, 'obbligatorio'>) {
  const id = useId();
  return (
    <div className="form-check campo">
      <input id={id} type="checkbox" className="form-check-input" aria-describedby={aiuto ? `${id}-aiuto` : undefined} {...form.register(nome as Path<V>)} />
      <label htmlFor={id} className="form-check-label">
        {label}
      </label>
      {aiuto && (
        <div id={`${id}-aiuto`} className="campo__aiuto">
          {aiuto}
        </div>
      )}
    </div>
  );
}

/** A group of fields with a visible legend (read by screen readers before each field). */
export function Sezione({ titolo, children, descrizione }: { titolo: string; descrizione?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset className="pannello mb-3" aria-describedby={descrizione ? `${id}-descr` : undefined}>
      <legend className="pannello__titolo">{titolo}</legend>
      {descrizione && (
        <p id={`${id}-descr`} className="campo__aiuto mb-2">
          {descrizione}
        </p>
      )}
      {children}
    </fieldset>
  );
}

export function Riga({ children }: { children: ReactNode }) {
  return <div className="row g-3">{children}</div>;
}

export function Col({ children, w = 4 }: { children: ReactNode; w?: number }) {
  return <div className={`col-12 col-md-${w}`}>{children}</div>;
}

export const SESSI: readonly Voce[] = [
  { codice: 'M', descrizione: 'Maschile' },
  { codice: 'F', descrizione: 'Femminile' },
];

/** Code of a foreign state (Tabella 2) with type-ahead on code or name and its official name shown as a hint. */
export function CampoStato<V extends FieldValues>({ form, nome, label, obbligatorio }: Omit<BaseProps<V>, 'aiuto'>) {
  const codice = useWatch({ control: form.control, name: nome as Path<V> }) as unknown;
  const testo = typeof codice === 'string' ? codice : '';
  const { proposte, stato, cercando } = useStatiEsteri(testo);
  const idLista = useId();
  const aiuto = stato
    ? `Stato: ${stato.denominazione}`
    : cercando
      ? 'Ricerca nella tabella degli stati esteri…'
      : 'Codice ISTAT a 3 cifre: digitare il codice o il nome per cercare (100 Italia).';
  return (
    <>
      <CampoTesto form={form} nome={nome} label={label} obbligatorio={obbligatorio} lista={idLista} maxLength={3} aiuto={aiuto} />
      <datalist id={idLista}>
        {proposte.map((s) => (
          <option key={s.codice} value={s.codice}>
            {s.denominazione}
          </option>
        ))}
      </datalist>
    </>
  );
}

/** A subject already in ANPR: ID ANPR or codice fiscale (or cognome + nome). */
export function CampiSoggetto<V extends FieldValues>({ form, prefisso }: { form: Form<V>; prefisso: string }) {
  return (
    <>
      <Riga>
        <Col>
          <CampoTesto form={form} nome={`${prefisso}.codiceFiscale`} label="Codice fiscale" maxLength={16} monospace aiuto="16 caratteri; viene controllato il carattere di controllo." />
        </Col>
        <Col>
          <CampoTesto form={form} nome={`${prefisso}.idSchedaSoggettoANPR`} label="ID scheda soggetto ANPR" inputMode="numeric" maxLength={16} aiuto="In alternativa al codice fiscale." />
        </Col>
        <Col>
          <CampoData form={form} nome={`${prefisso}.dataNascita`} label="Data di nascita" />
        </Col>
      </Riga>
      <Riga>
        <Col>
          <CampoTesto form={form} nome={`${prefisso}.cognome`} label="Cognome" obbligatorio />
        </Col>
        <Col>
          <CampoTesto form={form} nome={`${prefisso}.nome`} label="Nome" obbligatorio />
        </Col>
        <Col>
          <CampoSelect form={form} nome={`${prefisso}.sesso`} label="Sesso" voci={SESSI} vuota="Non indicato" mostraCodice={false} />
        </Col>
      </Riga>
    </>
  );
}

/**
 * An Italian comune picked from the official table (type-ahead, valid at the
 * date in `campoData` when given): fills name, ISTAT code, province and,
 * with `belfiore`, the cadastral code the codice fiscale is computed from.
 */
export function CampoComune<V extends FieldValues>({
  form,
  prefisso,
  label = 'Comune',
  campoData,
  belfiore = false,
  obbligatorio = true,
}: {
  form: Form<V>;
  prefisso: string;
  label?: string;
  campoData?: string;
  belfiore?: boolean;
  obbligatorio?: boolean;
}) {
  const f = form as unknown as Form<FieldValues>;
  const campo = (nome: string) => `${prefisso}.${nome}`;
  const nomeComune = (useWatch({ control: f.control, name: campo('nomeComune') }) as string | undefined) ?? '';
  const codiceIstat = useWatch({ control: f.control, name: campo('codiceIstat') }) as string | undefined;
  const siglaProvincia = useWatch({ control: f.control, name: campo('siglaProvincia') }) as string | undefined;
  const data = useWatch({ control: f.control, name: campoData ?? campo('nomeComune') }) as string | undefined;
  const imposta = (nome: string, valore: string) => f.setValue(campo(nome), valore, { shouldDirty: true });
  return (
    <CercaComune
      label={label}
      obbligatorio={obbligatorio}
      name={campo('nomeComune')}
      valore={nomeComune}
      data={campoData ? iso(data) : undefined}
      errore={messaggio(f, campo('nomeComune'))}
      aiuto={codiceIstat ? `ISTAT ${codiceIstat} · provincia ${siglaProvincia ?? ''}` : 'Digitare le prime lettere e scegliere dalla tabella dei comuni.'}
      onTesto={(t) => {
        imposta('nomeComune', t);
        imposta('codiceIstat', '');
        imposta('siglaProvincia', '');
        if (belfiore) imposta('belfiore', '');
      }}
      onScelto={(c) => {
        imposta('nomeComune', c.denominazione);
        imposta('codiceIstat', c.codiceIstat);
        imposta('siglaProvincia', c.siglaProvincia);
        if (belfiore) imposta('belfiore', c.belfiore ?? '');
        void f.trigger([campo('nomeComune'), campo('codiceIstat'), campo('siglaProvincia')]);
      }}
    />
  );
}

/** A place: Italian comune (from the official table, with ISTAT code, province, optionally Belfiore) or foreign state. */
export function CampiLuogo<V extends FieldValues>({ form, prefisso, titolo, belfiore = false, campoData }: { form: Form<V>; prefisso: string; titolo: string; belfiore?: boolean; campoData?: string }) {
  const tipo = useWatch({ control: form.control, name: `${prefisso}.tipo` as Path<V> }) as unknown;
  const idGruppo = useId();
  return (
    <fieldset className="mb-2" aria-labelledby={`${idGruppo}-titolo`}>
      <legend id={`${idGruppo}-titolo`} className="campo__label">
        {titolo}
      </legend>
      <div className="scelta-modo mb-2" role="radiogroup" aria-labelledby={`${idGruppo}-titolo`}>
        {(['comune', 'estero'] as const).map((t) => (
          <label key={t} className={`scelta-modo__opzione${tipo === t ? ' scelta-modo__opzione--attiva' : ''}`}>
            <input type="radio" value={t} {...form.register(`${prefisso}.tipo` as Path<V>)} />
            {t === 'comune' ? 'Comune italiano' : 'Stato estero'}
          </label>
        ))}
      </div>
      {tipo === 'estero' ? (
        <Riga>
          <Col>
            <CampoStato form={form} nome={`${prefisso}.codiceStato`} label="Stato" obbligatorio />
          </Col>
          <Col w={8}>
            <CampoTesto form={form} nome={`${prefisso}.localita`} label="Località" aiuto="Città o località estera (facoltativa)." />
          </Col>
        </Riga>
      ) : (
        <Riga>
          <Col w={belfiore ? 4 : 5}>
            <CampoComune form={form} prefisso={prefisso} campoData={campoData} belfiore={belfiore} />
          </Col>
          <Col w={belfiore ? 3 : 4}>
            <CampoTesto form={form} nome={`${prefisso}.codiceIstat`} label="Codice ISTAT" inputMode="numeric" maxLength={6} obbligatorio aiuto="Dalla tabella dei comuni; 6 cifre, es. 058091." />
          </Col>
          <Col w={belfiore ? 2 : 3}>
            <CampoTesto form={form} nome={`${prefisso}.siglaProvincia`} label="Provincia" maxLength={2} obbligatorio aiuto="Sigla, es. RM." />
          </Col>
          {belfiore && (
            <Col w={3}>
              <CampoTesto form={form} nome={`${prefisso}.belfiore`} label="Codice catastale" maxLength={4} monospace aiuto="Es. H501: serve per calcolare il codice fiscale." />
            </Col>
          )}
        </Riga>
      )}
    </fieldset>
  );
}

/** Full generalità (newborn, immigrant) with the CF computable from the data. */
export function CampiGeneralita<V extends FieldValues>({ form, prefisso }: { form: Form<V>; prefisso: string }) {
  const g = useWatch({ control: form.control, name: prefisso as Path<V> }) as GeneralitaValori | undefined;
  const calcolato = g ? cfCalcolato(g) : undefined;
  const idAiuto = useId();
  return (
    <>
      <Riga>
        <Col>
          <CampoTesto form={form} nome={`${prefisso}.cognome`} label="Cognome" />
          <CampoSpunta form={form} nome={`${prefisso}.senzaCognome`} label="Senza cognome" />
        </Col>
        <Col>
          <CampoTesto form={form} nome={`${prefisso}.nome`} label="Nome" obbligatorio />
        </Col>
        <Col w={2}>
          <CampoSelect form={form} nome={`${prefisso}.sesso`} label="Sesso" voci={SESSI} mostraCodice={false} obbligatorio />
        </Col>
        <Col w={2}>
          <CampoData form={form} nome={`${prefisso}.dataNascita`} label="Data di nascita" obbligatorio />
        </Col>
      </Riga>
      <CampiLuogo form={form} prefisso={`${prefisso}.luogoNascita`} titolo="Luogo di nascita" belfiore campoData={`${prefisso}.dataNascita`} />
      <Riga>
        <Col w={5}>
          <CampoTesto
            form={form}
            nome={`${prefisso}.codiceFiscale`}
            label="Codice fiscale"
            maxLength={16}
            monospace
            aiuto="Facoltativo: se vuoto lo attribuisce ANPR/Agenzia delle Entrate."
          />
        </Col>
        <Col w={7}>
          <div className="campo">
            <span className="campo__label" aria-hidden="true">
              &nbsp;
            </span>
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              disabled={!calcolato}
              aria-describedby={idAiuto}
              onClick={() => calcolato && form.setValue(`${prefisso}.codiceFiscale` as Path<V>, calcolato as PathValue<V, Path<V>>, { shouldDirty: true, shouldValidate: true })}
            >
              Calcola codice fiscale
            </button>
            <div id={idAiuto} className="campo__aiuto">
              {calcolato ? `Dai dati risulta ${calcolato} (omocodia esclusa).` : 'Servono nome, sesso, data e luogo di nascita (con codice catastale).'}
            </div>
          </div>
        </Col>
      </Riga>
    </>
  );
}

/** A civil-status act (comune, anno, parte, serie, numero, volume, data). */
export function CampiAtto<V extends FieldValues>({ form, prefisso }: { form: Form<V>; prefisso: string }) {
  return (
    <>
      <Riga>
        <Col w={5}>
          <CampoComune form={form} prefisso={prefisso} label="Comune di registrazione" obbligatorio={false} />
        </Col>
        <Col w={4}>
          <CampoTesto form={form} nome={`${prefisso}.codiceIstat`} label="Codice ISTAT del comune" inputMode="numeric" maxLength={6} />
        </Col>
        <Col w={3}>
          <CampoTesto form={form} nome={`${prefisso}.siglaProvincia`} label="Provincia" maxLength={2} />
        </Col>
      </Riga>
      <Riga>
        <Col w={2}>
          <CampoTesto form={form} nome={`${prefisso}.anno`} label="Anno" inputMode="numeric" maxLength={4} />
        </Col>
        <Col w={2}>
          <CampoTesto form={form} nome={`${prefisso}.parte`} label="Parte" maxLength={5} />
        </Col>
        <Col w={2}>
          <CampoTesto form={form} nome={`${prefisso}.serie`} label="Serie" maxLength={10} />
        </Col>
        <Col w={2}>
          <CampoTesto form={form} nome={`${prefisso}.numeroAtto`} label="Numero" maxLength={20} />
        </Col>
        <Col w={2}>
          <CampoTesto form={form} nome={`${prefisso}.volume`} label="Volume" maxLength={5} />
        </Col>
        <Col w={2}>
          <CampoData form={form} nome={`${prefisso}.dataFormazione`} label="Data di formazione" />
        </Col>
      </Riga>
    </>
  );
}

/** Data di decorrenza + numero pratica del comune: first section of every form. */
export function CampiDecorrenza<V extends FieldValues>({ form, aiuto }: { form: Form<V>; aiuto?: string }) {
  return (
    <Riga>
      <Col>
        <CampoData form={form} nome="dataDecorrenza" label="Data di decorrenza" obbligatorio aiuto={aiuto ?? 'Data da cui vale la registrazione (gg/mm/aaaa), non successiva a oggi.'} />
      </Col>
      <Col>
        <CampoTesto
          form={form}
          nome="numeroPratica"
          label="Numero pratica del comune"
          maxLength={20}
          aiuto="Se lasciato vuoto lo assegna il programma, progressivo per anno (ad esempio 2026-000012). Per usare la numerazione del comune: lettere, cifre, trattini e spazi, al massimo 20 caratteri."
        />
      </Col>
    </Riga>
  );
}

/** One person of a list, with their relation to the head of the family (5001 members, people arriving with a 5005) and the button that takes them off. */
export function PersonaConRelazione<V extends FieldValues>({ form, prefisso, etichetta, togli, onTogli }: { form: Form<V>; prefisso: string; etichetta: string; togli: string; onTogli?: () => void }) {
  return (
    <fieldset className="mb-3" aria-label={etichetta}>
      <legend className="campo__label">{etichetta}</legend>
      <CampiSoggetto form={form} prefisso={`${prefisso}.soggetto`} />
      <Riga>
        <Col w={6}>
          <SceltaTabella form={form} nome={`${prefisso}.codiceLegame`} label="Relazione con l'intestatario" lista={RELAZIONI_PARENTELA} obbligatorio />
        </Col>
        <Col w={6}>
          <div className="campo">
            <span className="campo__label" aria-hidden="true">
              &nbsp;
            </span>
            <button type="button" className="btn btn-outline-danger btn-sm" disabled={!onTogli} onClick={onTogli}>
              {togli}
            </button>
          </div>
        </Col>
      </Riga>
    </fieldset>
  );
}
