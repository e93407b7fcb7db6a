export { createQueue, QueueError, type Queue } from './queue';
export type * from './types';
export { ETICHETTE_STATO, STATI, STATI_FINALI, canTransition, isFinale } from './states';
export { compareIdOperazione, suffissoPostazione, ID_LENGTH } from './id-operazione';
export { isIdInferiore, decidi } from './classify';
export { SERVIZI_CODA, PAYLOAD_SCHEMA_VERSION, validaPayload } from './payload';
