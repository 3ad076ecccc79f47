export { Connection } from './Connection';
export {
  type Config,
  type HttpPolicy,
  type Limits,
  loadConfig,
  loadHttpPolicy,
  loadLimits,
  loadStatement,
} from './config';
export { EXPORT_FORMATS, type ExportFormat, exportBoard } from './export/exportBoard';
export type { Channel, FanOut } from './fanout/FanOut';
export { InProcessFanOut } from './fanout/InProcessFanOut';
export { createLogger, type Logger, silentLogger } from './log';
export { PajaServer, type ServerConfig } from './PajaServer';
export { Room } from './Room';
export { MemoryStorage } from './storage/MemoryStorage';
export { SqliteStorage } from './storage/SqliteStorage';
export type { Storage, StoredBoard } from './storage/Storage';
export { WorkerSqliteStorage } from './storage/WorkerSqliteStorage';
