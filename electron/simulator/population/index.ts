export { generatePopulation } from './generate';
export { RegistroCodiciFiscali, type CodiceAssegnato } from './registro-cf';
export { CATALOGO_ANOMALIE, type VoceAnomalia, type TipoAnomalia } from './anomalie';
export { createRng, mulberry32, hashSeed, type Rng } from './prng';
export type * from './types';
