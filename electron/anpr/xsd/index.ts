export * from './validate';
export * from './resources';
