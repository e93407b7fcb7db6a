/**
 * 5005 — cambio di residenza / indirizzo della famiglia (mutazione residenza):
 * the whole family moves to a new address in the comune.
 *
 * Payload = Richiesta5005Input without testata (electron/anpr/services/builders.ts).
 */
import { TITOLI_SERVIZIO } from '../../../../../shared/anpr/servizi';
import type { UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { TIPI_MUTAZIONE_RESIDENZA } from './codici';
import { ammesso } from './tabelle-dati';
import { CampiDecorrenza, SceltaTabella, Col, Riga, Sezione } from './campi';
import {
  compatta,
  controllaDecorrenza,
  controllaIdAnpr,
  errore,
  iso,
  obbligatorio,
  oggiIt,
  procedimentoPayload,
  testo,
  type DatiProcedimentoPayload,
} from './comuni';
import { CampiIndirizzo } from './campi-indirizzo';
import { CampoFamiglia } from './campo-famiglia';
import { controllaIndirizzo, indirizzoDa, indirizzoVuoto, indirizzoZ, residenzaPayload, type IndirizzoValori, type ResidenzaPayload } from './indirizzo';
import type { ContestoModulo, ModuloPratica } from './tipi';
import { riepilogo5005 } from './m5005.riepilogo';


export interface Valori5005 {
  dataDecorrenza: string;
  numeroPratica: string;
  /** The family that moves. */
  idFamigliaConvivenzaANPR: string;
  /** A member (idSchedaSoggettoANPR) for per-person ordering; not sent. */
  soggettoRiferimento: string;
  tipoMutazione: string;
  indirizzo: IndirizzoValori;
}

interface Payload5005 {
  generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: string; tipoScheda: string };
  residenzaFamiglia: ResidenzaPayload[];
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
    indirizzo: indirizzoZ,
  })
  .superRefine((v, ctx) => {
    controllaDecorrenza(ctx, v);
    if (obbligatorio(ctx, v.idFamigliaConvivenzaANPR, ['idFamigliaConvivenzaANPR'], "Indicare l'ID ANPR della famiglia che cambia indirizzo.")) {
      controllaIdAnpr(ctx, v.idFamigliaConvivenzaANPR, ['idFamigliaConvivenzaANPR'], "L'ID ANPR della famiglia");
    }
    if (!ammesso(TIPI_MUTAZIONE_RESIDENZA, v.tipoMutazione)) errore(ctx, ['tipoMutazione'], 'Scegliere il tipo di mutazione.');
    controllaIndirizzo(ctx, v.indirizzo, ['indirizzo']);
  }) as unknown as z.ZodType<Valori5005>;

export function valoriIniziali5005(c: ContestoModulo): Valori5005 {
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    idFamigliaConvivenzaANPR: c.soggetto?.idFamigliaConvivenzaANPR ?? '',
    soggettoRiferimento: c.soggetto?.idSchedaSoggettoANPR ?? '',
    tipoMutazione: '2',
    indirizzo: indirizzoVuoto(),
  };
}

export function versoPayload5005(v: Valori5005): Payload5005 {
  return compatta<Payload5005>({
    generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: v.idFamigliaConvivenzaANPR.trim(), tipoScheda: '1' },
    residenzaFamiglia: [residenzaPayload(v.indirizzo, undefined)],
    datiDelProcedimento: procedimentoPayload(v),
    datiControllo: { tipoMutazione: v.tipoMutazione, tipoScheda: '1' },
  });
}

export function daPayload5005(p: Record<string, unknown>): Valori5005 {
  const x = p as Partial<Payload5005> & { testata?: { dataDecorrenza?: string } };
  const base = valoriIniziali5005({});
  return {
    ...base,
    numeroPratica: x.datiDelProcedimento?.numeroPraticaComune ?? '',
    idFamigliaConvivenzaANPR: x.generalitaSchedaFamiglia?.idFamigliaConvivenzaANPR ?? '',
    tipoMutazione: String(x.datiControllo?.tipoMutazione ?? '2'),
    indirizzo: indirizzoDa(x.residenzaFamiglia?.[0]),
  };
}

function Campi5005({ form, contesto }: { form: UseFormReturn<Valori5005>; contesto: ContestoModulo }) {
  const s = contesto.soggetto;
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Data della dichiarazione di residenza: la registrazione decorre da questa data (non successiva a oggi)." />
        <Riga>
          <Col>
            <SceltaTabella form={form} nome="tipoMutazione" label="Tipo di mutazione" lista={TIPI_MUTAZIONE_RESIDENZA} obbligatorio aiuto="Tabella 47 di ANPR." />
          </Col>
        </Riga>
      </Sezione>
      <Sezione
        titolo="Famiglia che cambia indirizzo"
        descrizione={s?.cognome ? `Dichiarante: ${s.cognome} ${s.nome ?? ''}. Si trasferiscono tutti i componenti della famiglia.` : 'Si trasferiscono tutti i componenti della famiglia.'}
      >
        <Riga>
          <Col w={12}>
            <CampoFamiglia form={form} nome="idFamigliaConvivenzaANPR" label="ID ANPR della famiglia" obbligatorio />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Nuovo indirizzo">
        <CampiIndirizzo form={form} prefisso="indirizzo" campoData="dataDecorrenza" />
      </Sezione>
    </>
  );
}

export const modulo5005: ModuloPratica<Valori5005> = {
  servizio: '5005',
  titolo: TITOLI_SERVIZIO['5005'],
  descrizione: "Trasferimento della famiglia a un nuovo indirizzo nel comune (dichiarazione di residenza).",
  valoriIniziali: valoriIniziali5005,
  schema: schema5005,
  versoPayload: (v) => versoPayload5005(v) as unknown as Record<string, unknown>,
  daPayload: daPayload5005,
  chiaveSoggetto: (v) => testo(v.soggettoRiferimento) ?? testo(v.idFamigliaConvivenzaANPR),
  dataDecorrenza: (v) => iso(v.dataDecorrenza),
  riepilogo: riepilogo5005,
  Campi: Campi5005,
};

export default modulo5005;
