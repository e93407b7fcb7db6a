/** Italian labels of the anomaly list. */
import type { FonteAnomalia, SeveritaAnomalia, StatoAnomalia } from '../../../../shared/ipc/contract';

export const ETICHETTA_STATO: Record<StatoAnomalia, string> = { aperta: 'Aperta', in_lavorazione: 'In lavorazione', sanata: 'Sanata' };
export const ETICHETTA_SEVERITA: Record<SeveritaAnomalia, string> = { E: 'Errore', W: 'Warning', '?': 'n.d.' };
export const ETICHETTA_FONTE: Record<FonteAnomalia, string> = { risposta: 'Risposta ANPR', interrogazione: 'Interrogazione 3002', file: 'File ANPR' };
