export { startFakeProviderServer } from './fake-server.ts';
export type { FakeFault, FakeProviderServer, FakeReply, FakeRequest, FakeResponder, FakeServerOptions } from './fake-server.ts';
export { MemoryResponseCache, MemoryUsageRecorder } from './memory-ports.ts';
