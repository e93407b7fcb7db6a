import { z } from 'zod';
import { el, leaf, many, opt } from '../../xml/writer';
import { definisci } from './definizione';
import { pad, wAltriDati, wAnnullamentoMatrimonio, wAtto, wAttoANPR, wAttributiSoggetto, wAutoveicoli, wCartaIdentita, wCensimento, wCittadinanza, wDatiEvento, wDatiProcedimento, wDomicilioDigitale, wGeneralita, wGenitore, wListaControlli, wMatrimonio, wPermessoSoggiorno, wSentenza, wStatoCivile, wUnioneCivile, wVedovanza } from './elementi';
import { AltriDati, AnnullamentoMatrimonio, Atto, AttoANPR, AttributiSoggetto, Autoveicoli, CartaIdentita, Censimento, Cittadinanza, Codice, DatiEvento, DatiProcedimento, DomicilioDigitale, Generalita, Genitore, ListaControlli, Matrimonio, PermessoSoggiorno, Sentenza, StatoCivile, TestataBuilder, UnioneCivile, Vedovanza } from './tipi';

/** The strict input of 5008 (testata included). */
export const Richiesta5008 = z.strictObject({
  testata: TestataBuilder,
  generalitaPerRicerca: Generalita,
  generalitaDaModificare: z.strictObject({ generalita: Generalita.optional(), attributiSoggetto: AttributiSoggetto.optional() }).optional(),
  statoCivile: StatoCivile.optional(),
  attoNascita: Atto.optional(),
  attoNascitaANPR: AttoANPR.optional(),
  paternita: Genitore.optional(),
  maternita: Genitore.optional(),
  cittadinanza: z.array(Cittadinanza).optional(),
  matrimonio: Matrimonio.optional(),
  vedovanza: Vedovanza.optional(),
  separazioneAnnullamentoCessazioneMatrimonio: AnnullamentoMatrimonio.optional(),
  /** tipoMutazione 18 (unitoCivilmente + attoUnione) and 19 (scioglimentoUnione). */
  unioneCivile: UnioneCivile.optional(),
  cartaIdentita: CartaIdentita.optional(),
  permessoSoggiorno: PermessoSoggiorno.optional(),
  censimento: Censimento.optional(),
  altriDati: AltriDati.optional(),
  autoVeicoli: Autoveicoli.optional(),
  domicilioDigitale: DomicilioDigitale.optional(),
  datiDecesso: z.strictObject({ motivoDecesso: Codice.optional(), eventoDecesso: DatiEvento.optional(), sentenza: Sentenza.optional() }).optional(),
  datiDelProcedimento: DatiProcedimento.optional(),
  datiControllo: z.strictObject({
    /** Tabella 36, one or more (12 matrimonio, 13 vedovanza, 14 annullamento, 18 unione civile, 19 scioglimento…); written as 2 digits. */
    tipoMutazione: z.array(Codice),
    gestioneCF: Codice.optional(),
    listaControlli: ListaControlli,
  }),
});
export type Richiesta5008Input = z.infer<typeof Richiesta5008>;

export const servizio5008 = definisci('5000', {
  codice: '5008',
  operazione: 'mutazione_scheda',
  titolo: 'Stato civile e generalità',
  genere: 'registrazione',
  annullataDa: '5012',
  oggetto: 'la mutazione dei dati individuali',
  input: Richiesta5008,
  corpo: (input) => {
    const d = input.datiControllo;
    const gm = input.generalitaDaModificare;
    const dd = input.datiDecesso;
    return [
      wGeneralita('generalitaPerRicerca', input.generalitaPerRicerca),
      gm && opt('generalitaDaModificare', wGeneralita('generalita', gm.generalita), wAttributiSoggetto('attributiSoggetto', gm.attributiSoggetto)),
      wStatoCivile('statoCivile', input.statoCivile),
      wAtto('attoNascita', input.attoNascita),
      wAttoANPR('attoNascitaANPR', input.attoNascitaANPR),
      wGenitore('paternita', input.paternita),
      wGenitore('maternita', input.maternita),
      many(input.cittadinanza, (c) => wCittadinanza('cittadinanza', c)),
      wMatrimonio('matrimonio', input.matrimonio),
      wVedovanza('vedovanza', input.vedovanza),
      wAnnullamentoMatrimonio('separazioneAnnullamentoCessazioneMatrimonio', input.separazioneAnnullamentoCessazioneMatrimonio),
      // convivenzaDiFatto (not supported) comes here, in the XSD sequence.
      wUnioneCivile('unioneCivile', input.unioneCivile),
      wCartaIdentita('cartaIdentita', input.cartaIdentita),
      wPermessoSoggiorno('permessoSoggiorno', input.permessoSoggiorno),
      wCensimento('censimento', input.censimento),
      wAltriDati('altriDati', input.altriDati),
      wAutoveicoli('autoVeicoli', input.autoVeicoli),
      wDomicilioDigitale('domicilioDigitale', input.domicilioDigitale),
      dd && opt('datiDecesso', leaf('motivoDecesso', dd.motivoDecesso), wDatiEvento('eventoDecesso', dd.eventoDecesso), wSentenza('sentenza', dd.sentenza)),
      wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
      el(
        'datiControllo',
        d.tipoMutazione.map((t) => leaf('tipoMutazione', pad(t, 2))),
        leaf('gestioneCF', d.gestioneCF),
        wListaControlli(d.listaControlli),
      ),
    ];
  },
});
