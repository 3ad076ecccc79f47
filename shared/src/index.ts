export * from './board';
export * from './ids';
export * from './migrations';
export * from './notes';
export * from './protocol';
export * from './schema';
