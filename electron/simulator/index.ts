/** The ANPR training simulator (docs/simulator.md). */
export { startSimulator, compareIdOperazione, type SimulatorHandle, type SimulatorOptions } from './server';
export { loadSimConfigFile, resolveSimConfig, SimConfigError, FAULT_TYPES, type SimConfigInput, type ResolvedSimConfig, type FaultSpec, type FaultType } from './config';
export type { SimulatorAdmin, OperazioneAdmin } from './admin';
export { ensureTrainingEnvironment, TRAINING_ISTAT, type TrainingEnvironment } from './training';
