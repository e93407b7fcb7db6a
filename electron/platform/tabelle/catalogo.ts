/**
 * Catalogue of the decoding tables shipped in resources/anpr/tabelle
 * (numbers from ../shared/docs/anpr-protocol.md §8, the reference data beside the repository).
 */

export interface VoceCatalogo {
  numero: number | null;
  chiave: string;
  titolo: string;
  file: string;
}

export const FILE_COMUNI = 'ANPR_archivio_comuni.csv';
export const FILE_STATI_ESTERI = 'tab_Stati_Esteri.csv';

export const CATALOGO_TABELLE: readonly VoceCatalogo[] = [
  { numero: 1, chiave: 'stato_civile', titolo: 'Stato civile', file: 'tab_Stato_civile.csv' },
  { numero: 4, chiave: 'specie_toponimo', titolo: 'Specie toponimo', file: 'tab_tabella_04___specie_toponimo.csv' },
  { numero: 5, chiave: 'relazione_parentela', titolo: 'Relazione di parentela (famiglia)', file: 'tab_Relazione_di_parentela___Famiglia.csv' },
  { numero: 6, chiave: 'legame_convivenza', titolo: 'Legame convivenza', file: 'tab_Legame____Convivenza.csv' },
  { numero: 7, chiave: 'motivi_iscrizione', titolo: 'Motivi di iscrizione in anagrafe', file: 'tab_Motivi_di_iscrizione_in_Anagrafe.csv' },
  { numero: 8, chiave: 'tipo_soggiorno', titolo: 'Tipo soggiorno', file: 'tab_Tipo_Soggiorno.csv' },
  { numero: 9, chiave: 'posizione_professione', titolo: 'Posizione nella professione', file: 'tab_Posizione_nella_Professione.csv' },
  { numero: 10, chiave: 'condizione_non_professionale', titolo: 'Condizione non professionale', file: 'tab_Condizione_non_professionale.csv' },
  { numero: 11, chiave: 'titolo_studio', titolo: 'Titolo di studio', file: 'tab_Titolo_di_studio.csv' },
  { numero: 13, chiave: 'tipo_certificato', titolo: 'Tipo di certificato', file: 'tab_Tipo_di_certificato.csv' },
  { numero: 14, chiave: 'lingue', titolo: 'Lingue', file: 'tab_Lingue.csv' },
  { numero: 15, chiave: 'motivi_cancellazione', titolo: "Motivi di cancellazione dall'anagrafe", file: 'tab_Motivi_di_cancellazione_dall_Anagrafe.csv' },
  { numero: 16, chiave: 'dati_richiesti', titolo: 'Dati richiesti', file: 'tab_Dati_richiesti.csv' },
  { numero: 19, chiave: 'motivi_iscrizione_aire', titolo: 'Motivi iscrizione AIRE', file: 'tab_Motivi_iscrizione_AIRE.csv' },
  { numero: 20, chiave: 'iniziativa_iscrizione_aire', titolo: 'Iniziativa iscrizione AIRE', file: 'tab_Iniziativa_iscrizione_AIRE.csv' },
  { numero: 21, chiave: 'individuazione_comune_aire', titolo: 'Individuazione del comune di iscrizione AIRE', file: 'tab_Individuazione_del_comune_di_iscrizione_AIRE.csv' },
  { numero: 23, chiave: 'tipo_movimentazione', titolo: 'Tipo movimentazione', file: 'tab_Tipo_movimentazione.csv' },
  { numero: 25, chiave: 'tipo_indirizzo', titolo: 'Tipo indirizzo', file: 'tab_Tipo_indirizzo.csv' },
  { numero: 26, chiave: 'motivo_costituzione_famiglia', titolo: 'Motivo costituzione della famiglia', file: 'tab_Motivo_costituzione_della_famiglia.csv' },
  { numero: 27, chiave: 'specie_convivenza', titolo: 'Specie della convivenza', file: 'tab_Specie_della_convivenza.csv' },
  { numero: 28, chiave: 'motivi_cancellazione_aire', titolo: 'Motivi di cancellazione AIRE', file: 'tab_Motivi_di_cancellazione_AIRE.csv' },
  { numero: 29, chiave: 'innesco_procedimento', titolo: 'Innesco procedimento amministrativo', file: 'tab_Innesco_procedimento_amministraivo.csv' },
  { numero: 30, chiave: 'stato_procedimento', titolo: 'Stato procedimento amministrativo', file: 'tab_Stato_Procedimento_amministrativo.csv' },
  { numero: 31, chiave: 'tipo_cessazione_matrimonio', titolo: 'Tipo cessazione matrimonio', file: 'tab_Tipo_cessazione_matrimonio.csv' },
  { numero: 32, chiave: 'tipo_tribunale', titolo: 'Tipo tribunale', file: 'tab_Tipo_tribunale.csv' },
  { numero: 36, chiave: 'tipi_mutazione', titolo: 'Tipi di mutazione', file: 'tab_Tipi_di_mutazione.csv' },
  { numero: 38, chiave: 'tipi_cittadinanza', titolo: 'Tipi cittadinanza', file: 'tab_Tipi_cittadinanza.csv' },
  { numero: 39, chiave: 'esenzione_bollo', titolo: 'Esenzione bollo', file: 'tab_Esenzione_bollo.csv' },
  { numero: 42, chiave: 'motivi_non_certificabilita', titolo: 'Motivi di non certificabilità', file: 'tab_Motivi_di_non_certificabilit_.csv' },
  { numero: 43, chiave: 'cessazione_unione_civile_convivenze', titolo: 'Cessazione unione civile / convivenze', file: 'tab_Cessazione_unione_civile___convivenze.csv' },
  { numero: 44, chiave: 'stati_lavorazione', titolo: 'Stati di lavorazione', file: 'tab_stati_di_lavorazione.csv' },
  { numero: 46, chiave: 'tipo_mutazione_famiglia_convivenza', titolo: 'Tipo mutazione famiglia/convivenza', file: 'tab_tipo_mutazione_famiglia_convivenza.csv' },
  { numero: 47, chiave: 'tipo_mutazione_residenza', titolo: 'Tipo mutazione residenza', file: 'tab_tipo_mutazione_residenza.csv' },
  { numero: 48, chiave: 'tipo_revoca', titolo: 'Tipo revoca', file: 'tab_tipo_revoca_.csv' },
  { numero: 49, chiave: 'motivo_revoca', titolo: 'Motivo revoca', file: 'tab_tipo_motivo_revoca_.csv' },
  { numero: null, chiave: 'stato_validazione_cf', titolo: 'Stato validazione del codice fiscale', file: 'tab_Stato_validazione_del_codice_fiscale.csv' },
];
