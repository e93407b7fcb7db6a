/** Anomaly lists (issue 7): catalogue, sources, store, import/export. */
export { anomalieService, type AnomalieService } from './service';
export { registraAnomalieDaRisposta, registraAnomalie3002, type AnomalieDaRisposta } from './registra';
export { chiaveSoggetto } from './store';
export { correzionePer, percorsoScheda, servizioCorrezione } from './correzione';
