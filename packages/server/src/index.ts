export { buildApp, type BuildAppOptions } from './app.ts';
export { ConfigError, loadConfig, type AppConfig } from './config.ts';
export { openDatabase, type Database, type Db } from './db/client.ts';
export { MonitoringRepository } from './db/repositories/monitoring.ts';
export { UserRepository } from './db/repositories/users.ts';
export { AppError } from './errors.ts';
export { closeOnSignals, startServer, type RunningServer } from './server.ts';
export { canonicalJson } from './governance/canonical.ts';
export { payloadHashOf } from './governance/signatures.ts';
