import { z } from 'zod';
import { el, leaf, many, opt } from '../../xml/writer';
import { definisci } from './definizione';
import { wAltraLingua, wAltriDati, wAnnullamentoMatrimonio, wAtto, wAttoANPR, wAttributiSoggetto, wAutoveicoli, wCartaIdentita, wCensimento, wCittadinanza, wComune, wDatiProcedimento, wFamigliaConvivenza, wGeneralita, wGenitore, wLegameSoggetto, wListaControlli, wLocalita, wMatrimonio, wPermessoSoggiorno, wResidenza, wSentenza, wStatoCivile, wVedovanza } from './elementi';
import { AltraLingua, AltriDati, AnnullamentoMatrimonio, Atto, AttoANPR, AttributiSoggetto, Autoveicoli, CartaIdentita, Censimento, Cittadinanza, Codice, ComuneOLocalita, DatiProcedimento, FamigliaConvivenza, Generalita, Genitore, LegameSoggetto, ListaControlli, Matrimonio, PermessoSoggiorno, Residenza, Sentenza, StatoCivile, TestataBuilder, Vedovanza } from './tipi';

/** The strict input of 1002 (testata included). */
export const Richiesta1002 = z.strictObject({
  testata: TestataBuilder,
  motivoIscrizione: z.strictObject({
    /** Tabella 7: 3 immigrazione da comune non subentrato, 4 dall'estero, 5 ricomparsa… */
    idMotivoIscrizione: Codice,
    note: z.string().optional(),
  }),
  generalita1002: z.strictObject({ generalita: Generalita, statoCivile: StatoCivile.optional(), attributiSoggetto: AttributiSoggetto.optional() }),
  altriDati: AltriDati.optional(),
  attoNascita: Atto.optional(),
  attoNascitaANPR: AttoANPR.optional(),
  cittadinanza: z.array(Cittadinanza).min(1, { error: 'indicare almeno una cittadinanza' }),
  paternita: Genitore.optional(),
  maternita: Genitore.optional(),
  /** Choice: comune (Italy) or localita (abroad). */
  provenienza: ComuneOLocalita.optional(),
  residenza: z.array(Residenza).optional(),
  altraLingua: z.array(AltraLingua).optional(),
  /** Family to join, or convivenza (one of the two). */
  famiglia: z.strictObject({ famiglia: FamigliaConvivenza, legameSoggetto: LegameSoggetto }).optional(),
  convivenza: z.strictObject({ convivenza: FamigliaConvivenza, legameSoggetto: LegameSoggetto }).optional(),
  matrimonio: Matrimonio.optional(),
  vedovanza: Vedovanza.optional(),
  separazioneAnnullamentoCessazioneMatrimonio: AnnullamentoMatrimonio.optional(),
  cartaIdentita: CartaIdentita.optional(),
  permessoSoggiorno: PermessoSoggiorno.optional(),
  censimento: Censimento.optional(),
  autoveicoli: Autoveicoli.optional(),
  datiDelProcedimento: DatiProcedimento.optional(),
  datiSentenza: Sentenza.optional(),
  datiControllo: z.strictObject({ attribuzioneFamiglia: Codice, gestioneCF: Codice.optional(), listaControlli: ListaControlli }),
});
export type Richiesta1002Input = z.infer<typeof Richiesta1002>;

export const servizio1002 = definisci('1000', {
  codice: '1002',
  operazione: 'iscrizione_altriMotivi',
  titolo: 'Iscrizione per altri motivi',
  genere: 'registrazione',
  annullataDa: '1013',
  oggetto: "l'iscrizione",
  dichiarazioneResidenza: true,
  input: Richiesta1002,
  corpo: (input) => {
    const g = input.generalita1002;
    const p = input.provenienza;
    const d = input.datiControllo;
    return [
      el('motivoIscrizione', leaf('idMotivoIscrizione', input.motivoIscrizione.idMotivoIscrizione), leaf('note', input.motivoIscrizione.note)),
      el('generalita1002', wGeneralita('generalita', g.generalita), wStatoCivile('statoCivile', g.statoCivile), wAttributiSoggetto('attributiSoggetto', g.attributiSoggetto)),
      wAltriDati('altriDati', input.altriDati),
      wAtto('attoNascita', input.attoNascita),
      wAttoANPR('attoNascitaANPR', input.attoNascitaANPR),
      many(input.cittadinanza, (c) => wCittadinanza('cittadinanza', c)),
      wGenitore('paternita', input.paternita),
      wGenitore('maternita', input.maternita),
      p && opt('provenienza', p.comune ? wComune('comune', p.comune) : wLocalita('localita', p.localita)),
      many(input.residenza, (r) => wResidenza('residenza', r)),
      many(input.altraLingua, (a) => wAltraLingua('altraLingua', a)),
      input.famiglia && el('famiglia', wFamigliaConvivenza('famiglia', input.famiglia.famiglia), wLegameSoggetto('legameSoggetto', input.famiglia.legameSoggetto)),
      input.convivenza &&
        el('convivenza', wFamigliaConvivenza('convivenza', input.convivenza.convivenza), wLegameSoggetto('legameSoggetto', input.convivenza.legameSoggetto)),
      wMatrimonio('matrimonio', input.matrimonio),
      wVedovanza('vedovanza', input.vedovanza),
      wAnnullamentoMatrimonio('separazioneAnnullamentoCessazioneMatrimonio', input.separazioneAnnullamentoCessazioneMatrimonio),
      wCartaIdentita('cartaIdentita', input.cartaIdentita),
      wPermessoSoggiorno('permessoSoggiorno', input.permessoSoggiorno),
      wCensimento('censimento', input.censimento),
      wAutoveicoli('autoveicoli', input.autoveicoli),
      wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
      wSentenza('datiSentenza', input.datiSentenza),
      el('datiControllo', leaf('attribuzioneFamiglia', d.attribuzioneFamiglia), leaf('gestioneCF', d.gestioneCF), wListaControlli(d.listaControlli)),
    ];
  },
});
