/** Decoding tables for the forms' type-ahead (read-only, from resources/anpr/tabelle). */
import type { Comune, StatoEstero } from '../../../shared/domain/tabelle';
import { normalizzaPerRicerca, validoAllaData } from '../../../shared/domain/tabelle';
import { AppError } from '../../platform/ipc/app-error';
import { getAnprTables } from '../../platform/tabelle/loader';
import type { CoreServices, DomainHandlers } from './services';

function comune(c: Comune) {
  return {
    codiceIstat: c.codIstat,
    denominazione: c.denominazione,
    siglaProvincia: c.siglaProvincia,
    belfiore: c.belfiore,
    dal: c.dataIstituzione,
    al: c.dataCessazione,
    attivo: c.stato === 'A',
  };
}

function stato(s: StatoEstero) {
  return { codice: s.codIstat, denominazione: s.denominazione, belfiore: s.belfiore, dal: s.dataInizioValidita, al: s.dataFineValidita };
}

export function tabelleHandlers(_services: CoreServices): DomainHandlers<'tabelle'> {
  return {
    'tabelle.comuni': ({ testo, data, limite, soloAttivi }) => {
      const t = getAnprTables();
      const q = testo.trim();
      if (!q) return [];
      if (/^\d{1,6}$/.test(q)) {
        const trovati = t.comuni.filter((c) => c.codIstat.startsWith(q) && (!data || validoAllaData(c.dataIstituzione, c.dataCessazione, data)) && (!soloAttivi || c.stato === 'A'));
        return trovati.slice(0, limite ?? 20).map(comune);
      }
      return t.cercaComuni(q, { data, soloAttivi, limite: limite ?? 20 }).map(comune);
    },
    'tabelle.comune': ({ codiceIstat, data }) => {
      const t = getAnprTables();
      const c = data ? t.comuneValidoAlla(codiceIstat, data) : t.comuniPerIstat(codiceIstat).at(-1);
      return c ? comune(c) : null;
    },
    'tabelle.statiEsteri': ({ testo, data, limite }) => {
      const t = getAnprTables();
      const q = testo.trim();
      if (!q) return [];
      if (/^\d{1,3}$/.test(q)) return t.statiEsteri.filter((s) => s.codIstat.startsWith(q)).slice(0, limite ?? 20).map(stato);
      const n = normalizzaPerRicerca(q);
      const r = t.cercaStatiEsteri(q, { data, limite: limite ?? 20 });
      return (r.length ? r : t.statiEsteri.filter((s) => normalizzaPerRicerca(s.denominazione).includes(n)).slice(0, limite ?? 20)).map(stato);
    },
    'tabelle.voci': ({ tabella, data }) => {
      const t = getAnprTables().tabella(tabella);
      if (!t) throw new AppError('TABELLA_NON_TROVATA', 'Tabella di decodifica non trovata.');
      const voci = t.voci.filter((v) => !data || validoAllaData(v.dataInizioValidita, v.dataFineValidita, data));
      return { titolo: t.titolo, voci: voci.map((v) => ({ codice: v.codice, descrizione: v.descrizione, dal: v.dataInizioValidita, al: v.dataFineValidita })) };
    },
  };
}
