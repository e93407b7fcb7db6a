/**
 * The form page of one pratica: `#/pratiche/nuova?servizio=XXXX&soggetto=…`
 * starts one, `#/pratiche/<id>` reopens it (`?campo=<elemento>` focuses the
 * field an ANPR error is about).
 *
 * Nothing typed is lost: every change is kept in this browser at once
 * (localStorage) and saved as a draft in the core 800 ms after typing stops;
 * reopening takes whichever is newer. "Segna come pronta" checks the values
 * (zod, inline at each field), saves the builder payload, and asks the core
 * for the official checks (XSD + local rules); the dispatcher sends it when
 * ANPR is reachable. Live state from `pratiche.cambiata`.
 *
 * A pratica of a citizen's online request links back to it; a pratica whose
 * service has no form (a P003 state change of a request) opens read-only
 * (PraticaSenzaModulo.tsx).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useForm, type FieldErrors, type FieldValues, type Path, type Resolver } from 'react-hook-form';
import type { ZodType } from 'zod';
import { isDichiarazioneResidenza } from '../../../../shared/anpr/servizi';
import { isCodiceFiscaleValido } from '../../../../shared/domain/codice-fiscale';
import { formatDataIt, parseDataItDettaglio } from '../../../../shared/domain/date-it';
import { normalizzaTestiPerAnpr } from '../../../../shared/domain/testo-anpr';
import { SalvaBozzaSchema, type PraticaAperta, type PraticaVista, type Problema } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { Campo } from '../../components/Campo';
import { formatData, formatDataOra, messaggioErrore } from '../../format';
import { navigate } from '../../routing';
import { puoModificare, useSessione } from '../../session';
import { SERVIZI, STATI_ACCOLTI, STATI_MODIFICABILI } from './etichette';
import { moduloPer, varianteDi } from './moduli';
import type { ContestoModulo, ModuloPratica } from './moduli/tipi';
import { BannerCoda } from './BannerCoda';
import { ErroriAnpr, StatoBadge } from './Pratiche';
import { PraticaSenzaModulo, RichiestaCollegata } from './PraticaSenzaModulo';
import './pratiche.css';

const RITARDO_AUTOSALVATAGGIO_MS = 800;

// ---------------------------------------------------------------- zod → react-hook-form (no @hookform/resolvers installed)

function impostaErrore(target: Record<string, unknown>, path: (string | number)[], message: string): void {
  let cur = target;
  path.forEach((k, i) => {
    const key = String(k);
    if (i === path.length - 1) {
      if (!cur[key]) cur[key] = { type: 'validazione', message };
    } else {
      cur[key] ??= {};
      cur = cur[key] as Record<string, unknown>;
    }
  });
}

/** A resolver from the module's zod schema: errors at each field, Italian messages as written by the module. */
export function resolverZod<V extends FieldValues>(schema: ZodType<V>): Resolver<V> {
  return (values) => {
    const r = schema.safeParse(values);
    if (r.success) return { values: r.data, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of r.error.issues) impostaErrore(errors, issue.path.length ? (issue.path as (string | number)[]) : ['root'], issue.message);
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}

/** Every leaf path of the form values (`indirizzo.cap`, `soggetto.codiceFiscale`…). */
function percorsi(v: unknown, prefisso = ''): string[] {
  if (v === null || typeof v !== 'object') return prefisso ? [prefisso] : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => percorsi(x, prefisso ? `${prefisso}.${i}` : String(i)));
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => percorsi(x, prefisso ? `${prefisso}.${k}` : k));
}

const SINONIMI: Record<string, string[]> = {
  denominazioneToponimo: ['denominazione'],
  codFiscale: ['codiceFiscale'],
  numeroCivico: ['numero'],
  dataEvento: ['dataMorte', 'dataEvento'],
  nomeComune: ['nomeComune'],
  generalitaPerRicerca: ['codiceFiscale'],
  idFamigliaConvivenzaANPR: ['idFamigliaConvivenzaANPR'],
};

/** The form field an element / payload path (from the XSD or ANPR) is about, when one matches. */
export function campoDelModulo(valori: unknown, campo: string | null | undefined): string | undefined {
  if (!campo) return undefined;
  const tutti = percorsi(valori);
  const ultimo = campo.split(/[./]/).filter(Boolean).at(-1)!;
  const nomi = [ultimo, ...(SINONIMI[ultimo] ?? [])].map((n) => n.toLowerCase());
  for (const n of nomi) {
    const trovato = tutti.find((p) => p.split('.').at(-1)!.toLowerCase() === n);
    if (trovato) return trovato;
  }
  return undefined;
}

/** Every message of react-hook-form's errors with its field path (the DOM `ref`s are not walked). */
function messaggiDi(errori: unknown, prefisso = ''): { messaggio: string; campo?: string }[] {
  if (!errori || typeof errori !== 'object') return [];
  const e = errori as Record<string, unknown>;
  if (typeof e['message'] === 'string' && e['message']) {
    return [{ messaggio: e['message'], campo: prefisso && prefisso !== 'root' ? prefisso : undefined }];
  }
  return Object.entries(e)
    .filter(([k]) => k !== 'ref' && k !== 'type' && k !== 'types')
    .flatMap(([k, v]) => messaggiDi(v, prefisso ? `${prefisso}.${k}` : k));
}

/** A problem of the error summary: the message for the clerk, the form field it is about. */
interface ProblemaModulo {
  messaggio: string;
  campo?: string;
}

// ---------------------------------------------------------------- local copy (survives a closed page)

interface CopiaLocale {
  valori: unknown;
  meta: Meta;
  /** ms since epoch of the last change. */
  t: number;
}

/** Local copies are per operator: after a lock, another clerk at this workstation never gets them. */
const chiaveCopia = (operatore: string, id: string) => `sportello:bozza:${operatore}:${id}`;

function leggiCopia(chiave: string): CopiaLocale | null {
  try {
    const raw = localStorage.getItem(chiave);
    return raw ? (JSON.parse(raw) as CopiaLocale) : null;
  } catch {
    return null;
  }
}
function scriviCopia(chiave: string, copia: CopiaLocale): void {
  try {
    localStorage.setItem(chiave, JSON.stringify(copia));
  } catch {
    // Storage full or disabled: the core's draft is still saved.
  }
}
function togliCopia(chiave: string): void {
  try {
    localStorage.removeItem(chiave);
  } catch {
    // ignore
  }
}

// ---------------------------------------------------------------- page

interface Meta {
  protocollo: string;
  dataProtocollo: string;
}

interface Caricato {
  modulo: ModuloPratica;
  contesto: ContestoModulo;
  valori: FieldValues;
  meta: Meta;
  aperta: PraticaAperta | null;
  chiaveNuova: string | null;
  recuperata: boolean;
  avviso: string | null;
}

function query(): URLSearchParams {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '');
}

async function soggettoDa(soggetto: string | null, cf: string | null): Promise<{ soggetto?: ContestoModulo['soggetto']; avviso: string | null }> {
  if (!bridge || (!soggetto && !cf)) return { avviso: null };
  const chiave = (soggetto ?? cf ?? '').trim().toUpperCase();
  try {
    let id = /^\d{1,16}$/.test(chiave) ? chiave : null;
    if (!id) {
      const criterio = isCodiceFiscaleValido(chiave)
        ? ({ tipo: 'codiceFiscale', codiceFiscale: chiave } as const)
        : /^[A-Z]{2}\d{5}[A-Z]{2}$/.test(chiave)
          ? ({ tipo: 'idAnpr', idAnpr: chiave } as const)
          : cf && isCodiceFiscaleValido(cf)
            ? ({ tipo: 'codiceFiscale', codiceFiscale: cf } as const)
            : null;
      if (criterio) id = (await unwrap(bridge.ricerca.soggetti(criterio))).soggetti[0]?.idSchedaSoggettoANPR ?? null;
    }
    if (!id) return { soggetto: isCodiceFiscaleValido(chiave) ? { codiceFiscale: chiave } : undefined, avviso: 'Soggetto non trovato in ANPR: completare i dati a mano.' };
    const s = await unwrap(bridge.ricerca.scheda({ idSchedaSoggettoANPR: id }));
    return {
      soggetto: {
        idSchedaSoggettoANPR: s.soggetto.idSchedaSoggettoANPR,
        codiceFiscale: s.soggetto.codiceFiscale ?? undefined,
        cognome: s.soggetto.cognome,
        nome: s.soggetto.nome,
        dataNascita: s.soggetto.dataNascita ?? undefined,
        idFamigliaConvivenzaANPR: s.famiglia?.idFamigliaANPR ?? s.soggetto.famiglia?.idFamigliaANPR ?? undefined,
        relazione: s.soggetto.famiglia?.relazione ?? undefined,
        famiglia: s.famiglia?.componenti
          .filter((c) => c.idSchedaSoggettoANPR !== s.soggetto.idSchedaSoggettoANPR)
          .map((c) => ({ idSchedaSoggettoANPR: c.idSchedaSoggettoANPR, codiceFiscale: c.codiceFiscale, cognome: c.cognome, nome: c.nome, dataNascita: c.dataNascita, relazione: c.relazione })),
        componentiFamiglia: s.famiglia?.componenti.length || undefined,
      },
      avviso: s.fonte === 'locale' ? 'ANPR non raggiungibile: i dati del soggetto sono quelli letti in precedenza (non certificabili).' : null,
    };
  } catch (e) {
    return { soggetto: /^\d{1,16}$/.test(chiave) ? { idSchedaSoggettoANPR: chiave } : undefined, avviso: `Dati del soggetto non disponibili: ${messaggioErrore(e)}` };
  }
}

function metaDa(p: PraticaVista | null): Meta {
  return { protocollo: p?.protocollo ?? '', dataProtocollo: p?.dataProtocollo ? formatDataIt(p.dataProtocollo) : '' };
}

export function PaginaModulo({ path }: { path: string }) {
  const operatore = useSessione().sessione.codiceFiscale;
  const [caricato, setCaricato] = useState<Caricato | null>(null);
  /** An opened pratica whose service has no form module (e.g. a P003 of an online request). */
  const [senzaModulo, setSenzaModulo] = useState<PraticaAperta | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const idPercorso = path.split('/')[2]!;

  useEffect(() => {
    let vivo = true;
    void (async () => {
      try {
        if (!bridge) return;
        if (idPercorso === 'nuova') {
          const q = query();
          const servizio = q.get('servizio') ?? '';
          const modulo = moduloPer(servizio, q.get('variante'));
          if (!modulo) throw new Error(`Nessun modulo per il servizio ${servizio || '(non indicato)'}.`);
          const { soggetto, avviso } = await soggettoDa(q.get('soggetto'), q.get('cf'));
          const contesto: ContestoModulo = { soggetto };
          const chiaveNuova = chiaveCopia(operatore, `nuova:${servizio}${q.get('variante') ? `:${q.get('variante')}` : ''}:${q.get('soggetto') ?? ''}`);
          const copia = leggiCopia(chiaveNuova);
          const valori = (copia?.valori as FieldValues | undefined) ?? modulo.valoriIniziali(contesto);
          if (vivo) setCaricato({ modulo, contesto, valori, meta: copia?.meta ?? metaDa(null), aperta: null, chiaveNuova, recuperata: !!copia, avviso });
          return;
        }
        const aperta = await unwrap(bridge.pratiche.apri({ id: idPercorso }));
        const modulo = moduloPer(aperta.pratica.servizio, varianteDi(aperta.pratica));
        if (!modulo) {
          if (vivo) setSenzaModulo(aperta);
          return;
        }
        const key = aperta.pratica.soggettoKey;
        const salvati = (aperta.pratica.valoriModulo ?? undefined) as FieldValues | undefined;
        // A draft never typed in (e.g. an annulment just started): the subject is read from ANPR, as for a new form.
        const letto = !salvati && key && STATI_MODIFICABILI.includes(aperta.pratica.stato) ? await soggettoDa(key, null) : null;
        const contesto: ContestoModulo = {
          soggetto: letto?.soggetto ?? (key ? (/^\d{1,16}$/.test(key) ? { idSchedaSoggettoANPR: key } : isCodiceFiscaleValido(key) ? { codiceFiscale: key } : undefined) : undefined),
          praticaDaAnnullare: aperta.daAnnullare ?? undefined,
        };
        let valori: FieldValues;
        if (salvati && typeof salvati === 'object') valori = salvati;
        else if (modulo.daPayload && Object.keys(aperta.payload).some((k) => !k.startsWith('_'))) valori = modulo.daPayload(aperta.payload);
        else valori = modulo.valoriIniziali(contesto);
        // The copy in this browser wins when it is newer (the page was closed before the last save).
        const copia = leggiCopia(chiaveCopia(operatore, idPercorso));
        const recuperata = !!copia && copia.t > Date.parse(aperta.pratica.aggiornata) && STATI_MODIFICABILI.includes(aperta.pratica.stato);
        if (vivo) {
          setCaricato({
            modulo,
            contesto,
            valori: recuperata ? (copia.valori as FieldValues) : valori,
            meta: recuperata ? copia.meta : metaDa(aperta.pratica),
            aperta,
            chiaveNuova: null,
            recuperata,
            avviso: letto?.avviso ?? null,
          });
        }
      } catch (e) {
        if (vivo) setErrore(messaggioErrore(e));
      }
    })();
    return () => {
      vivo = false;
    };
  }, [idPercorso]);

  if (errore) {
    return (
      <>
        <h1 className="h2">Pratica</h1>
        <Alert color="danger">{errore}</Alert>
        <a href="#/pratiche">Torna alle pratiche</a>
      </>
    );
  }
  if (senzaModulo) return <PraticaSenzaModulo iniziale={senzaModulo} />;
  if (!caricato) return <p aria-live="polite">Caricamento del modulo…</p>;
  return <ModuloForm c={caricato} />;
}

type StatoSalvataggio = { tipo: 'nessuno' } | { tipo: 'modificato' } | { tipo: 'in_corso' } | { tipo: 'salvato'; quando: string } | { tipo: 'errore'; messaggio: string };

function ModuloForm({ c }: { c: Caricato }) {
  const { sessione } = useSessione();
  const { modulo, contesto } = c;
  const form = useForm<FieldValues>({ defaultValues: c.valori, resolver: resolverZod(modulo.schema), mode: 'onTouched', reValidateMode: 'onChange' });
  const [aperta, setAperta] = useState<PraticaAperta | null>(c.aperta);
  const [meta, setMeta] = useState<Meta>(c.meta);
  const [erroreMeta, setErroreMeta] = useState<string | null>(null);
  const [salvataggio, setSalvataggio] = useState<StatoSalvataggio>(c.recuperata ? { tipo: 'modificato' } : c.aperta ? { tipo: 'salvato', quando: c.aperta.pratica.aggiornata } : { tipo: 'nessuno' });
  const [problemi, setProblemi] = useState<ProblemaModulo[] | null>(null);
  const [riepilogo, setRiepilogo] = useState<{ frase: string; numero: string | null } | null>(null);
  const riepilogoRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [esito, setEsito] = useState<string | null>(null);
  const [erroreAzione, setErroreAzione] = useState<string | null>(null);
  const [inVerifica, setInVerifica] = useState(false);
  const idRef = useRef<string | null>(c.aperta?.pratica.id ?? null);
  const chiaveRef = useRef<string>(c.aperta ? chiaveCopia(sessione.codiceFiscale, c.aperta.pratica.id) : c.chiaveNuova!);
  const metaRef = useRef(meta);
  metaRef.current = meta;
  const toccato = useRef(c.recuperata);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const catena = useRef<Promise<unknown>>(Promise.resolve());
  const problemiRef = useRef<HTMLDivElement>(null);

  const stato = aperta?.pratica.stato ?? 'bozza';
  const modificabile = puoModificare(sessione.ruolo) && !aperta?.pratica.scartata && STATI_MODIFICABILI.includes(stato);

  const richiesta = useCallback(() => {
    const valori = form.getValues();
    const r = modulo.schema.safeParse(valori);
    // Typographic apostrophes and quotes (pasted from a word processor) are not in ANPR's XSD patterns.
    const payload = r.success ? normalizzaTestiPerAnpr(modulo.versoPayload(r.data)) : null;
    const prova = <T,>(fn: () => T): T | undefined => {
      try {
        return fn();
      } catch {
        return undefined;
      }
    };
    const chiave = prova(() => modulo.chiaveSoggetto(valori));
    const decorrenza = prova(() => modulo.dataDecorrenza(valori));
    const dp = parseDataItDettaglio(metaRef.current.dataProtocollo);
    // The form values as typed go beside the payload; an annulment's reference to the pratica it annuls and a
    // follow-up's link to the pratica that asked for it stay as the core drafted them.
    // Who the pratica was started for (the pratiche list shows it when the payload names nobody, e.g. a family's move).
    const avviataPer = [contesto.soggetto?.cognome, contesto.soggetto?.nome].filter(Boolean).join(' ') || aperta?.pratica.avviataPer;
    const bozza = {
      id: idRef.current ?? undefined,
      servizio: modulo.servizio,
      payload,
      valoriModulo: valori,
      ...(modulo.variante ? { variante: modulo.variante } : {}),
      ...(avviataPer ? { avviataPer: avviataPer.slice(0, 120) } : {}),
      soggettoKey: chiave ? chiave.slice(0, 64) : null,
      dataDecorrenza: decorrenza && /^\d{4}-\d{2}-\d{2}$/.test(decorrenza) ? decorrenza : null,
      protocollo: metaRef.current.protocollo.trim().slice(0, 40) || null,
      dataProtocollo: metaRef.current.dataProtocollo.trim() && dp.ok ? dp.iso : null,
    };
    // The contract's own schema types the save by its service (and checks the payload against that service's data):
    // a payload it refuses is a form that drifted from its definition, so the draft keeps the values and the checks
    // of "Segna come pronta" say what is wrong.
    const tipizzata = SalvaBozzaSchema.safeParse(bozza);
    if (tipizzata.success) return tipizzata.data;
    console.error('form payload refused by its service schema', modulo.servizio, tipizzata.error.issues);
    return SalvaBozzaSchema.parse({ ...bozza, payload: null });
  }, [form, modulo, aperta?.pratica.avviataPer, contesto.soggetto]);

  /** Saves now (serialised: the first save creates the draft, the next ones update it). */
  const salva = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const run = catena.current.then(async () => {
      if (!bridge) return;
      setSalvataggio({ tipo: 'in_corso' });
      try {
        const p = await unwrap(bridge.pratiche.salvaBozza(richiesta()));
        if (!idRef.current) {
          idRef.current = p.id;
          togliCopia(chiaveRef.current);
          chiaveRef.current = chiaveCopia(sessione.codiceFiscale, p.id);
          // The address now reopens this draft (no remount: replaceState fires no hashchange).
          window.history.replaceState(null, '', `#/pratiche/${p.id}`);
        }
        togliCopia(chiaveRef.current);
        setAperta((prev) => (prev ? { ...prev, pratica: p } : { pratica: p, payload: {}, invii: [], errori: [], supporto: { testo: '', data: null, servizio: p.servizio, idOperazioneComune: null, idOperazioneANPR: null, codici: [] }, daAnnullare: null, nomeOperatore: null, soggettiANPR: [] }));
        setSalvataggio({ tipo: 'salvato', quando: p.aggiornata });
      } catch (e) {
        setSalvataggio({ tipo: 'errore', messaggio: messaggioErrore(e) });
      }
    });
    catena.current = run.catch(() => undefined);
    return run;
  }, [richiesta]);

  const modificato = useCallback(() => {
    if (!modificabile || !toccato.current) return;
    scriviCopia(chiaveRef.current, { valori: form.getValues(), meta: metaRef.current, t: Date.now() });
    setSalvataggio({ tipo: 'modificato' });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void salva(), RITARDO_AUTOSALVATAGGIO_MS);
  }, [form, modificabile, salva]);

  useEffect(() => {
    const sub = form.watch(() => modificato());
    return () => sub.unsubscribe();
  }, [form, modificato]);

  // Data recovered from this browser: saved to the core right away.
  useEffect(() => {
    if (c.recuperata && modificabile) void salva();
  }, []);

  // Leaving the page: save what is pending (the local copy covers a closed window).
  // Only on unmount, with the latest `salva`: `salva` changes whenever the
  // pratica is reloaded, and saving on each change would loop (save → event →
  // reload → save).
  const salvaRef = useRef(salva);
  salvaRef.current = salva;
  useEffect(
    () => () => {
      if (timer.current) void salvaRef.current();
    },
    [],
  );

  // Live state of this pratica.
  useEffect(() => {
    if (!bridge) return;
    return bridge.eventi.pratiche.cambiata((e) => {
      if (e.praticaId !== idRef.current) return;
      void unwrap(bridge!.pratiche.apri({ id: e.praticaId }))
        .then(setAperta)
        .catch(() => undefined);
    });
  }, []);

  const vaiAlCampo = useCallback(
    (campo: string, messaggio?: string) => {
      const nome = percorsi(form.getValues()).includes(campo) ? campo : campoDelModulo(form.getValues(), campo);
      if (!nome) return false;
      if (messaggio) form.setError(nome as Path<FieldValues>, { type: 'anpr', message: messaggio });
      form.setFocus(nome as Path<FieldValues>);
      return true;
    },
    [form],
  );

  // `?campo=` (from an ANPR error): focus that field, with ANPR's message at it.
  useEffect(() => {
    const applica = () => {
      const campo = query().get('campo');
      if (!campo || !aperta) return;
      const e = aperta.errori.find((x) => x.campo === campo);
      setTimeout(() => vaiAlCampo(campo, e ? `ANPR ${e.codice}: ${e.testo}` : undefined), 50);
    };
    applica();
    window.addEventListener('hashchange', applica);
    return () => window.removeEventListener('hashchange', applica);
  }, [aperta?.pratica.id, aperta?.errori.length]);

  /** The field's label as the clerk reads it (without the "*" of required fields). */
  const etichettaDi = (nome: string | undefined): string | null => {
    if (!nome) return null;
    const el = formRef.current?.querySelector<HTMLInputElement>(`[name="${CSS.escape(nome)}"]`);
    const t = el?.labels?.[0]?.textContent?.replace(/\s*\*\s*$/, '').trim();
    return t || null;
  };

  /** Every problem at the top (error summary), in the form's order; focus and scroll to the first one. */
  const mostraProblemi = (elenco: { messaggio: string; campo?: string }[]) => {
    const ordine = Array.from(formRef.current?.querySelectorAll<HTMLElement>('[name]') ?? []).map((e) => e.getAttribute('name'));
    const pos = (c?: string) => (c && ordine.includes(c) ? ordine.indexOf(c) : Number.MAX_SAFE_INTEGER);
    const ordinati = [...elenco].sort((a, b) => pos(a.campo) - pos(b.campo));
    setProblemi(
      ordinati.map((x) => {
        const etichetta = etichettaDi(x.campo);
        return { ...x, messaggio: etichetta && !x.messaggio.includes(etichetta) ? `${etichetta}: ${x.messaggio}` : x.messaggio };
      }),
    );
    const primo = ordinati.find((x) => x.campo)?.campo;
    setTimeout(() => {
      if (primo && vaiAlCampo(primo)) return;
      problemiRef.current?.focus();
    }, 0);
  };

  /**
   * "Segna come pronta": the checks (zod at the fields, then the core's XSD
   * and rules) and, when they pass, the review step. Nothing is sent before
   * the clerk confirms it there: the pratica stays bozza.
   */
  const segnaPronta = async () => {
    setProblemi(null);
    setEsito(null);
    setErroreAzione(null);
    setRiepilogo(null);
    await form.handleSubmit(
      async () => {
        if (!bridge) return;
        setInVerifica(true);
        try {
          await salva();
          if (!idRef.current) throw new Error('La bozza non è stata salvata.');
          const r = await unwrap(bridge.pratiche.verifica({ id: idRef.current }));
          setAperta((prev) => (prev ? { ...prev, pratica: r.pratica } : prev));
          if (r.ok) {
            setRiepilogo({ frase: modulo.riepilogo(form.getValues(), contesto), numero: r.numeroPraticaComune ?? null });
          } else mostraProblemiCore(r.problemi);
        } catch (e) {
          setErroreAzione(messaggioErrore(e));
        } finally {
          setInVerifica(false);
        }
      },
      (errori) => {
        mostraProblemi(messaggiDi(errori));
      },
    )();
  };

  const mostraProblemiCore = (elenco: Problema[]) => {
    const voci = elenco.map((x) => {
      const nome = campoDelModulo(form.getValues(), x.campo);
      if (nome) form.setError(nome as Path<FieldValues>, { type: 'xsd', message: x.messaggio });
      return { messaggio: x.messaggio, campo: nome };
    });
    mostraProblemi(voci);
  };

  /** The clerk's confirmation in the review step: "Invia ad ANPR" (now) or "Pronta, invio automatico". */
  const conferma = async (invio: 'ora' | 'automatico') => {
    if (!bridge || !idRef.current) return;
    setInVerifica(true);
    setErroreAzione(null);
    try {
      const r = await unwrap(bridge.pratiche.rendiPronta({ id: idRef.current, conferma: true, invio }));
      setAperta((prev) => (prev ? { ...prev, pratica: r.pratica } : prev));
      setRiepilogo(null);
      if (r.ok) {
        setEsito(
          invio === 'ora'
            ? "Pratica pronta: invio ad ANPR in corso. L'esito compare qui appena ANPR risponde; se ANPR non è raggiungibile, l'invio riparte da solo con lo stesso identificativo."
            : "Pratica pronta, invio automatico: partirà da sola appena ANPR è raggiungibile, senza bisogno di restare su questa pagina. L'esito compare qui e nell'elenco delle pratiche.",
        );
      } else mostraProblemiCore(r.problemi);
    } catch (e) {
      setErroreAzione(messaggioErrore(e));
    } finally {
      setInVerifica(false);
    }
  };

  const tornaAlModulo = () => {
    setRiepilogo(null);
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus(), 0);
  };

  // The review step takes the focus once it is on screen (the button that opened it is hidden).
  useEffect(() => {
    if (riepilogo) riepilogoRef.current?.focus();
  }, [riepilogo]);

  // From the pratiche list ("Segna come pronta" on a draft): straight to the checks and the review step.
  useEffect(() => {
    if (query().get('rivedi') && modificabile) void segnaPronta();
  }, []);

  const inviaOra = async () => {
    if (!bridge || !idRef.current) return;
    try {
      const r = await unwrap(bridge.pratiche.invia({ id: idRef.current }));
      setAperta((prev) => (prev ? { ...prev, pratica: r.pratica } : prev));
      setEsito('Invio richiesto.');
    } catch (e) {
      setErroreAzione(messaggioErrore(e));
    }
  };

  // The summary follows the fields: a problem fixed at its field leaves the list.
  const erroriCampi = form.formState.errors;
  const problemiAperti = problemi?.filter((x) => !x.campo || x.campo.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], erroriCampi)) ?? null;
  const p = aperta?.pratica ?? null;
  useEffect(() => {
    if (stato !== 'pronta' && stato !== 'in_invio' && stato !== 'esito_incerto') setEsito(null);
  }, [stato]);
  const soggettoId =
    aperta?.soggettiANPR[0]?.idSchedaSoggettoANPR ?? (p?.soggettoKey && /^\d{1,16}$/.test(p.soggettoKey) ? p.soggettoKey : (contesto.soggetto?.idSchedaSoggettoANPR ?? null));
  const Campi = modulo.Campi;
  const etichettaSalvataggio = useMemo(() => {
    switch (salvataggio.tipo) {
      case 'nessuno':
        return 'Non ancora salvata: si salva da sola mentre si scrive.';
      case 'modificato':
        return 'Modifiche in corso…';
      case 'in_corso':
        return 'Salvataggio…';
      case 'salvato':
        return `Salvata alle ${formatDataOra(salvataggio.quando).split(' ').at(-1)}`;
      case 'errore':
        return `Salvataggio non riuscito: ${salvataggio.messaggio}`;
    }
  }, [salvataggio]);

  const onMeta = (campo: keyof Meta, valore: string) => {
    toccato.current = true;
    const next = { ...metaRef.current, [campo]: valore };
    metaRef.current = next;
    setMeta(next);
    modificato();
  };

  return (
    <>
      <nav aria-label="Percorso" className="briciole">
        <a href="#/pratiche">Pratiche</a> <span aria-hidden="true">›</span> <span>{p ? `Pratica ${p.servizio}` : 'Nuova pratica'}</span>
      </nav>
      <div className="testata-modulo">
        <div>
          <h1 className="h3 mb-1">
            <span className="codice-servizio codice-servizio--grande">{modulo.servizio}</span> {modulo.titolo}
          </h1>
          <p className="mb-0 text-secondary">{modulo.descrizione}</p>
        </div>
        <div className="testata-modulo__stato">
          <StatoBadge stato={stato} annullamento={aperta?.pratica.annullamento} />
          <span className={`autosalvataggio${modificabile ? ` autosalvataggio--${salvataggio.tipo}` : ''}`} role="status" aria-live="polite" data-testid="autosalvataggio" data-stato={salvataggio.tipo}>
            {modificabile ? etichettaSalvataggio : 'Sola lettura'}
          </span>
        </div>
      </div>
      {/* The save answers may omit the link: the one read when the page opened stays. */}
      <RichiestaCollegata richiesta={p?.richiesta ?? c.aperta?.pratica.richiesta} />
      {p && p.stato !== 'bozza' && <BannerCoda puoModificare={puoModificare(sessione.ruolo)} />}
      {c.avviso && <Alert color="warning">{c.avviso}</Alert>}
      {c.recuperata && (
        <div className="alert alert-info py-2" role="status">
          Recuperati i dati digitati prima della chiusura della pagina.
        </div>
      )}
      {p?.messaggio && !['bozza', 'pronta', 'in_invio'].includes(stato) && (
        <div className={`alert py-2 ${STATI_ACCOLTI.includes(stato) ? 'alert-success' : stato === 'respinta' || stato === 'richiede_intervento' ? 'alert-danger' : 'alert-info'}`} role="status" data-testid="messaggio-pratica">
          {p.messaggio}
          {STATI_ACCOLTI.includes(stato) && soggettoId && (
            <>
              {' '}
              <a href={`#/soggetti/${soggettoId}`}>Scheda soggetto</a> · <a href={`#/soggetti/${soggettoId}/famiglia`}>Scheda famiglia</a>
            </>
          )}
        </div>
      )}
      {aperta && aperta.errori.length > 0 && <ErroriAnpr praticaId={aperta.pratica.id} errori={aperta.errori} modificabile={modificabile} />}
      {problemiAperti && problemiAperti.length > 0 && (
        <div className="problemi" ref={problemiRef} tabIndex={-1} role="alert" data-testid="problemi">
          <h2 className="h6 mb-1">
            {problemiAperti.length === 1 ? "Un problema da correggere prima dell'invio" : `${problemiAperti.length} problemi da correggere prima dell'invio`}
          </h2>
          <ul className="mb-0">
            {problemiAperti.map((x, i) => (
              <li key={i}>
                {x.campo ? (
                  <a
                    href={`#/pratiche/${idRef.current ?? 'nuova'}`}
                    onClick={(e) => {
                      e.preventDefault();
                      vaiAlCampo(x.campo!);
                    }}
                  >
                    {x.messaggio}
                  </a>
                ) : (
                  x.messaggio
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {esito && (
        <div className="alert alert-success py-2" role="status" data-testid="esito-azione">
          {esito}
        </div>
      )}
      {erroreAzione && <Alert color="danger">{erroreAzione}</Alert>}
      <form
        ref={formRef}
        noValidate
        aria-label={modulo.titolo}
        onInputCapture={() => {
          toccato.current = true;
        }}
        onChangeCapture={() => {
          toccato.current = true;
        }}
        onKeyDown={(e) => {
          // Enter never sends a pratica by accident: only the button marks it pronta.
          const t = e.target as HTMLElement;
          if (e.key === 'Enter' && t.tagName === 'INPUT' && !e.defaultPrevented) e.preventDefault();
        }}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void segnaPronta();
        }}
      >
        <fieldset disabled={!modificabile || !!riepilogo} className="modulo-campi">
          <legend className="visually-hidden">Dati della pratica {modulo.servizio}</legend>
          <Campi form={form} contesto={contesto} />
          <fieldset className="pannello mb-3">
            <legend className="pannello__titolo">Protocollo del comune</legend>
            <div className="row g-3">
              <div className="col-12 col-md-4">
                <Campo label="Numero di protocollo" value={meta.protocollo} maxLength={40} autoComplete="off" onChange={(e) => onMeta('protocollo', e.target.value)} />
              </div>
              <div className="col-12 col-md-4">
                <Campo
                  label="Data di protocollo"
                  value={meta.dataProtocollo}
                  placeholder="gg/mm/aaaa"
                  inputMode="numeric"
                  maxLength={10}
                  autoComplete="off"
                  errore={erroreMeta}
                  aiuto={isDichiarazioneResidenza(modulo.servizio) ? 'Data della dichiarazione: da qui i 2 giorni lavorativi per registrare e i 45 giorni per gli accertamenti.' : 'Formato gg/mm/aaaa.'}
                  onChange={(e) => onMeta('dataProtocollo', e.target.value)}
                  onBlur={() => {
                    const v = meta.dataProtocollo.trim();
                    const r = parseDataItDettaglio(v);
                    setErroreMeta(!v || r.ok ? null : r.messaggio);
                  }}
                />
              </div>
              {p?.scadenza && (
                <div className="col-12 col-md-4">
                  <p className="campo__label mb-1">Da registrare entro</p>
                  <p className="fw-semibold mb-0">{formatData(p.scadenza)}</p>
                </div>
              )}
            </div>
          </fieldset>
        </fieldset>
        {riepilogo && (
          <section className="riepilogo-invio" aria-labelledby="riepilogo-invio-titolo" data-testid="riepilogo-invio">
            <h2 id="riepilogo-invio-titolo" className="h5" tabIndex={-1} ref={riepilogoRef}>
              Riepilogo prima dell&apos;invio ad ANPR
            </h2>
            <p className="riepilogo-invio__frase" data-testid="riepilogo-frase">
              {riepilogo.frase}
            </p>
            {riepilogo.numero && (
              <p className="mb-2">
                Numero pratica del comune: <strong>{riepilogo.numero}</strong>
              </p>
            )}
            <p className="mb-1">I controlli sono superati. Nulla è stato ancora inviato ad ANPR: scegliere come procedere.</p>
            <ul className="riepilogo-invio__scelte">
              <li>
                <strong>Invia ad ANPR</strong>: la pratica parte subito (o appena ANPR torna raggiungibile) e l&apos;esito compare in questa pagina.
              </li>
              <li>
                <strong>Pronta, invio automatico</strong>: la pratica resta in coda e parte da sola quando ANPR è raggiungibile; intanto si può lavorare ad altro e
                l&apos;esito compare nell&apos;elenco delle pratiche.
              </li>
              <li>
                <strong>Torna al modulo</strong>: per correggere i dati; la pratica resta una bozza.
              </li>
            </ul>
            <div className="barra-azioni">
              <Button color="primary" type="button" disabled={inVerifica} onClick={() => void conferma('ora')}>
                Invia ad ANPR
              </Button>
              <Button color="primary" outline type="button" disabled={inVerifica} onClick={() => void conferma('automatico')}>
                Pronta, invio automatico
              </Button>
              <Button color="secondary" outline type="button" disabled={inVerifica} onClick={tornaAlModulo}>
                Torna al modulo
              </Button>
            </div>
          </section>
        )}
        <div className="barra-azioni" hidden={!!riepilogo}>
          {modificabile && (
            <Button color="primary" type="submit" disabled={inVerifica}>
              {inVerifica ? 'Verifica in corso…' : 'Segna come pronta'}
            </Button>
          )}
          {modificabile && (
            <Button color="primary" outline type="button" onClick={() => void salva()}>
              Salva bozza
            </Button>
          )}
          {p && ['pronta', 'in_invio', 'esito_incerto'].includes(stato) && puoModificare(sessione.ruolo) && (
            <Button color="primary" outline type="button" onClick={() => void inviaOra()}>
              Invia ora
            </Button>
          )}
          <Button color="secondary" outline type="button" onClick={() => navigate(p ? `/pratiche?id=${p.id}` : '/pratiche')}>
            Torna alle pratiche
          </Button>
          {p && (
            <span className="barra-azioni__ids small text-secondary">
              {SERVIZI[p.servizio]} · {p.idOperazioneComune ? `id comune ${p.idOperazioneComune}` : 'nessun invio'}
              {p.idOperazioneANPR ? ` · id ANPR ${p.idOperazioneANPR}` : ''}
              {aperta?.numeroPraticaComune ? ` · numero pratica del comune ${aperta.numeroPraticaComune}` : ''}
            </span>
          )}
        </div>
      </form>
    </>
  );
}
