export * from './cluster';
export * from './comment';
export * from './media';
export * from './meta';
export * from './note';
export * from './roadmap';
export * from './support';
export * from './vote';
