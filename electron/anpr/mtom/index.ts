export * from './mtom';
