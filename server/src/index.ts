export { Connection } from './Connection';
export { type Config, type Limits, loadConfig, loadLimits } from './config';
export { createLogger, type Logger, silentLogger } from './log';
export { PajaServer, type ServerConfig } from './PajaServer';
export { Room } from './Room';
export { MemoryStorage } from './storage/MemoryStorage';
export { SqliteStorage } from './storage/SqliteStorage';
export type { Storage, StoredBoard } from './storage/Storage';
