/**
 * 5005 — cambio di residenza / indirizzo della famiglia (mutazione residenza):
 * the whole family moves to a new address in the comune.
 *
 * Payload = Richiesta5005Input without testata (electron/anpr/services/builders.ts).
 */
import { useEffect, useState } from 'react';
import { get, useWatch, type UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { bridge, unwrap } from '../../../bridge';
import { CercaComune } from '../../../components/CercaComune';
import { CampiDecorrenza, CampoSelect, CampoTesto, Col, Riga, Sezione } from './campi';
import {
  compatta,
  controllaDecorrenza,
  controllaIdAnpr,
  controllaIstatComune,
  controllaSigla,
  errore,
  iso,
  maiuscolo,
  obbligatorio,
  oggiIt,
  procedimentoPayload,
  testo,
  type DatiProcedimentoPayload,
  type Voce,
} from './comuni';
import type { ContestoModulo, ModuloPratica } from './tipi';

/** Tabella 47, resources/anpr/tabelle/tab_tipo_mutazione_residenza.csv (the codes a clerk uses at the counter). */
export const TIPI_MUTAZIONE_RESIDENZA: readonly Voce[] = [
  { codice: '2', descrizione: 'Residenza' },
  { codice: '3', descrizione: 'Dimora abituale' },
  { codice: '1', descrizione: 'Senza fissa dimora' },
  { codice: '4', descrizione: 'Domicilio eletto' },
];

export interface Valori5005 {
  dataDecorrenza: string;
  numeroPratica: string;
  /** The family that moves. */
  idFamigliaConvivenzaANPR: string;
  /** A member (idSchedaSoggettoANPR) for per-person ordering; not sent. */
  soggettoRiferimento: string;
  tipoMutazione: string;
  indirizzo: {
    nomeComune: string;
    codiceIstat: string;
    siglaProvincia: string;
    cap: string;
    specie: string;
    denominazione: string;
    numero: string;
    lettera: string;
    scala: string;
    piano: string;
    interno: string;
  };
}

interface Payload5005 {
  generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: string; tipoScheda: string };
  residenzaFamiglia: {
    tipoIndirizzo: string;
    indirizzo: {
      cap: string;
      comune: { nomeComune: string; codiceIstat: string; siglaProvinciaIstat: string };
      toponimo: { specie: string; denominazioneToponimo: string };
      numeroCivico?: { numero: string; lettera?: string; civicoInterno?: { scala?: string; piano?: string; interno1?: string } };
    };
  }[];
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { tipoMutazione: string; tipoScheda: string };
}

const s = z.string();
export const schema5005 = z
  .object({
    dataDecorrenza: s,
    numeroPratica: s,
    idFamigliaConvivenzaANPR: s,
    soggettoRiferimento: s,
    tipoMutazione: s,
    indirizzo: z.object({ nomeComune: s, codiceIstat: s, siglaProvincia: s, cap: s, specie: s, denominazione: s, numero: s, lettera: s, scala: s, piano: s, interno: s }),
  })
  .superRefine((v, ctx) => {
    controllaDecorrenza(ctx, v);
    if (obbligatorio(ctx, v.idFamigliaConvivenzaANPR, ['idFamigliaConvivenzaANPR'], "Indicare l'ID ANPR della famiglia che cambia indirizzo.")) {
      controllaIdAnpr(ctx, v.idFamigliaConvivenzaANPR, ['idFamigliaConvivenzaANPR'], "L'ID ANPR della famiglia");
    }
    if (!TIPI_MUTAZIONE_RESIDENZA.some((t) => t.codice === v.tipoMutazione)) errore(ctx, ['tipoMutazione'], 'Scegliere il tipo di mutazione.');
    const i = v.indirizzo;
    obbligatorio(ctx, i.nomeComune, ['indirizzo', 'nomeComune'], 'Scegliere il comune dalla tabella (digitare le prime lettere).');
    controllaIstatComune(ctx, i.codiceIstat, ['indirizzo', 'codiceIstat']);
    controllaSigla(ctx, i.siglaProvincia, ['indirizzo', 'siglaProvincia']);
    if (!/^\d{5}$/.test(i.cap.trim())) errore(ctx, ['indirizzo', 'cap'], 'Il CAP è di 5 cifre (es. 01022).');
    obbligatorio(ctx, i.specie, ['indirizzo', 'specie'], 'Indicare la specie del toponimo (VIA, PIAZZA, …).');
    obbligatorio(ctx, i.denominazione, ['indirizzo', 'denominazione'], 'Indicare la denominazione della via.');
    if (!testo(i.numero)) errore(ctx, ['indirizzo', 'numero'], 'Indicare il numero civico.');
    else if (!/^\d{1,6}$/.test(i.numero.trim())) errore(ctx, ['indirizzo', 'numero'], 'Il numero civico è fatto di sole cifre (lettera ed esponente vanno a parte).');
    if (testo(i.lettera) && !/^[A-Za-z]{1,2}$/.test(i.lettera.trim())) errore(ctx, ['indirizzo', 'lettera'], 'La lettera del civico è di 1 o 2 lettere.');
  }) as unknown as z.ZodType<Valori5005>;

export function valoriIniziali5005(c: ContestoModulo): Valori5005 {
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    idFamigliaConvivenzaANPR: c.soggetto?.idFamigliaConvivenzaANPR ?? '',
    soggettoRiferimento: c.soggetto?.idSchedaSoggettoANPR ?? '',
    tipoMutazione: '2',
    indirizzo: { nomeComune: '', codiceIstat: '', siglaProvincia: '', cap: '', specie: 'VIA', denominazione: '', numero: '', lettera: '', scala: '', piano: '', interno: '' },
  };
}

export function versoPayload5005(v: Valori5005): Payload5005 {
  const i = v.indirizzo;
  const interno = compatta({ scala: maiuscolo(i.scala), piano: testo(i.piano), interno1: testo(i.interno) });
  return compatta<Payload5005>({
    generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: v.idFamigliaConvivenzaANPR.trim(), tipoScheda: '1' },
    residenzaFamiglia: [
      {
        tipoIndirizzo: '1',
        indirizzo: {
          cap: i.cap.trim(),
          comune: { nomeComune: maiuscolo(i.nomeComune) ?? '', codiceIstat: i.codiceIstat.trim(), siglaProvinciaIstat: maiuscolo(i.siglaProvincia) ?? '' },
          toponimo: { specie: maiuscolo(i.specie) ?? '', denominazioneToponimo: maiuscolo(i.denominazione) ?? '' },
          numeroCivico: compatta({ numero: i.numero.trim(), lettera: maiuscolo(i.lettera), civicoInterno: Object.keys(interno).length ? interno : undefined }),
        },
      },
    ],
    datiDelProcedimento: procedimentoPayload(v),
    datiControllo: { tipoMutazione: v.tipoMutazione, tipoScheda: '1' },
  });
}

export function daPayload5005(p: Record<string, unknown>): Valori5005 {
  const x = p as Partial<Payload5005> & { testata?: { dataDecorrenza?: string } };
  const r = x.residenzaFamiglia?.[0]?.indirizzo;
  const base = valoriIniziali5005({});
  return {
    ...base,
    numeroPratica: x.datiDelProcedimento?.numeroPraticaComune ?? '',
    idFamigliaConvivenzaANPR: x.generalitaSchedaFamiglia?.idFamigliaConvivenzaANPR ?? '',
    tipoMutazione: String(x.datiControllo?.tipoMutazione ?? '2'),
    indirizzo: {
      ...base.indirizzo,
      nomeComune: r?.comune.nomeComune ?? '',
      codiceIstat: r?.comune.codiceIstat ?? '',
      siglaProvincia: r?.comune.siglaProvinciaIstat ?? '',
      cap: r?.cap ?? '',
      specie: r?.toponimo.specie ?? 'VIA',
      denominazione: r?.toponimo.denominazioneToponimo ?? '',
      numero: r?.numeroCivico?.numero ?? '',
      lettera: r?.numeroCivico?.lettera ?? '',
      scala: r?.numeroCivico?.civicoInterno?.scala ?? '',
      piano: r?.numeroCivico?.civicoInterno?.piano ?? '',
      interno: r?.numeroCivico?.civicoInterno?.interno1 ?? '',
    },
  };
}

function messaggio(form: UseFormReturn<Valori5005>, nome: string): string | undefined {
  const e = get(form.formState.errors, nome) as { message?: unknown } | undefined;
  return typeof e?.message === 'string' ? e.message : undefined;
}

/** Specie del toponimo (Tabella 4) for the type-ahead. */
function useSpecie(): Voce[] {
  const [voci, setVoci] = useState<Voce[]>([]);
  useEffect(() => {
    if (!bridge) return;
    void unwrap(bridge.tabelle.voci({ tabella: 4 }))
      .then((t) => setVoci(t.voci.map((v) => ({ codice: v.codice, descrizione: v.descrizione }))))
      .catch(() => setVoci([]));
  }, []);
  return voci;
}

function Campi5005({ form, contesto }: { form: UseFormReturn<Valori5005>; contesto: ContestoModulo }) {
  const specie = useSpecie();
  const nomeComune = useWatch({ control: form.control, name: 'indirizzo.nomeComune' });
  const codiceIstat = useWatch({ control: form.control, name: 'indirizzo.codiceIstat' });
  const siglaProvincia = useWatch({ control: form.control, name: 'indirizzo.siglaProvincia' });
  const dataDecorrenza = useWatch({ control: form.control, name: 'dataDecorrenza' });

  // A move within the comune: the office's comune is the default.
  useEffect(() => {
    if (!bridge || form.getValues('indirizzo.codiceIstat')) return;
    let vivo = true;
    void unwrap(bridge.home.riepilogo())
      .then((r) => unwrap(bridge!.tabelle.comune({ codiceIstat: r.comune.codiceIstat })))
      .then((c) => {
        if (!vivo || !c || form.getValues('indirizzo.codiceIstat')) return;
        form.setValue('indirizzo.nomeComune', c.denominazione);
        form.setValue('indirizzo.codiceIstat', c.codiceIstat);
        form.setValue('indirizzo.siglaProvincia', c.siglaProvincia);
      })
      .catch(() => undefined);
    return () => {
      vivo = false;
    };
  }, [form]);

  const s = contesto.soggetto;
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Data della dichiarazione di residenza: la registrazione decorre da questa data (non successiva a oggi)." />
        <Riga>
          <Col>
            <CampoSelect form={form} nome="tipoMutazione" label="Tipo di mutazione" voci={TIPI_MUTAZIONE_RESIDENZA} obbligatorio aiuto="Tabella 47 di ANPR." />
          </Col>
        </Riga>
      </Sezione>
      <Sezione
        titolo="Famiglia che cambia indirizzo"
        descrizione={s?.cognome ? `Dichiarante: ${s.cognome} ${s.nome ?? ''}. Si trasferiscono tutti i componenti della famiglia.` : 'Si trasferiscono tutti i componenti della famiglia.'}
      >
        <Riga>
          <Col>
            <CampoTesto form={form} nome="idFamigliaConvivenzaANPR" label="ID ANPR della famiglia" inputMode="numeric" maxLength={16} obbligatorio aiuto="Dalla scheda famiglia (sole cifre)." />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Nuovo indirizzo">
        <Riga>
          <Col w={6}>
            <CercaComune
              label="Comune"
              obbligatorio
              name="indirizzo.nomeComune"
              valore={nomeComune}
              data={iso(dataDecorrenza)}
              errore={messaggio(form, 'indirizzo.nomeComune') ?? messaggio(form, 'indirizzo.codiceIstat')}
              aiuto={codiceIstat ? `ISTAT ${codiceIstat} · provincia ${siglaProvincia}` : 'Digitare le prime lettere e scegliere dalla tabella ufficiale dei comuni.'}
              onTesto={(t) => {
                form.setValue('indirizzo.nomeComune', t, { shouldDirty: true });
                form.setValue('indirizzo.codiceIstat', '', { shouldDirty: true });
                form.setValue('indirizzo.siglaProvincia', '', { shouldDirty: true });
              }}
              onScelto={(c) => {
                form.setValue('indirizzo.nomeComune', c.denominazione, { shouldDirty: true });
                form.setValue('indirizzo.codiceIstat', c.codiceIstat, { shouldDirty: true });
                form.setValue('indirizzo.siglaProvincia', c.siglaProvincia, { shouldDirty: true, shouldValidate: true });
                void form.trigger('indirizzo.nomeComune');
              }}
            />
          </Col>
          <Col w={2}>
            <CampoTesto form={form} nome="indirizzo.cap" label="CAP" inputMode="numeric" maxLength={5} obbligatorio />
          </Col>
        </Riga>
        <datalist id="moduli-specie-toponimo">
          {specie.map((v) => (
            <option key={v.codice} value={v.descrizione} />
          ))}
        </datalist>
        <Riga>
          <Col w={3}>
            <CampoTesto form={form} nome="indirizzo.specie" label="Specie" lista="moduli-specie-toponimo" obbligatorio aiuto="Tabella 4: VIA, PIAZZA, VIALE…" />
          </Col>
          <Col w={5}>
            <CampoTesto form={form} nome="indirizzo.denominazione" label="Denominazione" obbligatorio aiuto="Come nello stradario comunale." />
          </Col>
          <Col w={2}>
            <CampoTesto form={form} nome="indirizzo.numero" label="Civico" inputMode="numeric" maxLength={6} obbligatorio />
          </Col>
          <Col w={2}>
            <CampoTesto form={form} nome="indirizzo.lettera" label="Lettera" maxLength={2} />
          </Col>
        </Riga>
        <Riga>
          <Col w={3}>
            <CampoTesto form={form} nome="indirizzo.scala" label="Scala" maxLength={5} />
          </Col>
          <Col w={3}>
            <CampoTesto form={form} nome="indirizzo.piano" label="Piano" maxLength={5} />
          </Col>
          <Col w={3}>
            <CampoTesto form={form} nome="indirizzo.interno" label="Interno" maxLength={5} />
          </Col>
        </Riga>
      </Sezione>
    </>
  );
}

export const modulo5005: ModuloPratica<Valori5005> = {
  servizio: '5005',
  titolo: 'Cambio di residenza',
  descrizione: "Trasferimento della famiglia a un nuovo indirizzo nel comune (dichiarazione di residenza).",
  valoriIniziali: valoriIniziali5005,
  schema: schema5005,
  versoPayload: (v) => versoPayload5005(v) as unknown as Record<string, unknown>,
  daPayload: daPayload5005,
  chiaveSoggetto: (v) => testo(v.soggettoRiferimento) ?? testo(v.idFamigliaConvivenzaANPR),
  dataDecorrenza: (v) => iso(v.dataDecorrenza),
  Campi: Campi5005,
};

export default modulo5005;
