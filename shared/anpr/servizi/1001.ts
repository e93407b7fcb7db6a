import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { wAtto, wAttoANPR, wAttributiSoggetto, wCittadinanza, wDatiProcedimento, wFamigliaConvivenza, wGeneralita, wGenitore, wLegameSoggetto, wListaControlli } from './elementi';
import { Atto, AttoANPR, AttributiSoggetto, Cittadinanza, Codice, DatiProcedimento, FamigliaConvivenza, Generalita, Genitore, LegameSoggetto, ListaControlli, TestataBuilder } from './tipi';

/** The strict input of 1001 (testata included). */
export const Richiesta1001 = z.strictObject({
  testata: TestataBuilder,
  generalita1001: z.strictObject({ generalita: Generalita, attributiSoggetto: AttributiSoggetto.optional() }),
  attoNascita: Atto.optional(),
  attoNascitaANPR: AttoANPR.optional(),
  cittadinanza: Cittadinanza,
  paternita: Genitore.optional(),
  maternita: Genitore.optional(),
  /** Target family/convivenza (must already exist). */
  famConv: FamigliaConvivenza.optional(),
  /** Mandatory for attribuzioneFamiglia 4 or 5. */
  legameSoggetto: LegameSoggetto.optional(),
  datiDelProcedimento: DatiProcedimento.optional(),
  datiControllo: z.strictObject({
    /** 1 father's surname, 3 both… */
    origineCognome: Codice.optional(),
    /** 1 both parents, 2 father, 3 mother… */
    filiazione: Codice.optional(),
    /** 1 parents' family, 2 father's, 3 mother's, 4 convivenza, 5 other family. */
    attribuzioneFamiglia: Codice,
    /** 0 validate only (default), 1 ask AE to assign, 2 omocodice, 3 no AE check. */
    gestioneCF: Codice.optional(),
    listaControlli: ListaControlli,
  }),
});
export type Richiesta1001Input = z.infer<typeof Richiesta1001>;

export const servizio1001 = definisci('1000', {
  codice: '1001',
  operazione: 'iscrizione_nascita',
  titolo: 'Iscrizione per nascita',
  genere: 'registrazione',
  annullataDa: '1013',
  oggetto: "l'iscrizione per nascita",
  input: Richiesta1001,
  corpo: (input) => {
    const d = input.datiControllo;
    return [
      el('generalita1001', wGeneralita('generalita', input.generalita1001.generalita), wAttributiSoggetto('attributiSoggetto', input.generalita1001.attributiSoggetto)),
      wAtto('attoNascita', input.attoNascita),
      wAttoANPR('attoNascitaANPR', input.attoNascitaANPR),
      wCittadinanza('cittadinanza', input.cittadinanza),
      wGenitore('paternita', input.paternita),
      wGenitore('maternita', input.maternita),
      wFamigliaConvivenza('famConv', input.famConv),
      wLegameSoggetto('legameSoggetto', input.legameSoggetto),
      wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
      el(
        'datiControllo',
        leaf('origineCognome', d.origineCognome),
        leaf('filiazione', d.filiazione),
        leaf('attribuzioneFamiglia', d.attribuzioneFamiglia),
        leaf('gestioneCF', d.gestioneCF),
        wListaControlli(d.listaControlli),
      ),
    ];
  },
});
