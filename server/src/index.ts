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
export { RedisFanOut } from './fanout/RedisFanOut';
export { createLogger, type Logger, silentLogger } from './log';
export { PajaServer, type ServerConfig } from './PajaServer';
export { Room } from './Room';
export { MemoryStorage } from './storage/MemoryStorage';
export { PostgresStorage } from './storage/PostgresStorage';
export { SqliteStorage } from './storage/SqliteStorage';
export type { Storage, StoredBoard } from './storage/Storage';
export { WorkerSqliteStorage } from './storage/WorkerSqliteStorage';
export { mayWriteFrames, WireFrame, writeFrame } from './WireFrame';
