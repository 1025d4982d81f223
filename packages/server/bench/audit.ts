// Audit chain benchmark: appends N entries (one transaction and chain lock each), verifies the whole chain,
// then streams it as CSV while sampling RSS. Embedded PGlite by default; BENCH_DATABASE_URL=postgres://… for PostgreSQL
// (BENCH_AUDIT_ENTRIES=0 there re-verifies and re-exports the chain already in that database).
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../src/db/client.ts';
import { AuditRepository } from '../src/db/repositories/audit.ts';
import { UserRepository } from '../src/db/repositories/users.ts';
import { AuditChain } from '../src/governance/audit-chain.ts';
import { deriveAuditKeys } from '../src/governance/audit-keys.ts';
import { AuditService } from '../src/services/audit.ts';
import { MultisigService } from '../src/services/multisig.ts';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 100_000);
const CONCURRENCY = 8;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL });
try {
  // The chain's key comes from ENCRYPTION_KEY as the server's does; a fixed one by default, so reruns re-verify.
  const chain = new AuditChain(database.db, deriveAuditKeys(Buffer.from(process.env.ENCRYPTION_KEY ?? '00'.repeat(32), 'hex')).hmacKey);
  const user = await new UserRepository(database.db).createFirstAdminOrUser({ username: `bench${Date.now()}`, email: `bench${Date.now()}@example.com`, fullName: null, passwordHash: 'x' });
  const principal = { userId: user.id, role: user.role, isAdmin: true, sessionId: null, apiKeyId: null, expiresAt: null, user, meta: { ipAddress: '127.0.0.1', userAgent: 'bench' } };

  let next = 0;
  const appendStarted = performance.now();
  // Several writers at once, as several requests would: the chain lock serialises them.
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < ENTRIES) {
      const i = next++;
      await chain.append({ entity: 'project', action: 'update', actorId: user.id, resourceId: i, ipAddress: '10.0.0.1', userAgent: 'bench/1.0', payload: { name: `project ${i}`, changes: { status: 'active', files: i % 17 } } });
    }
  }));
  const appendSeconds = (performance.now() - appendStarted) / 1000;

  const verifyStarted = performance.now();
  const report = await chain.verify();
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  if (!report.valid) throw new Error('benchmark chain did not verify');

  globalThis.gc?.();
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); }, 20);
  let bytes = 0;
  const exportStarted = performance.now();
  const file = await new AuditService(chain, new AuditRepository(database.db), new MultisigService(database.db, chain), async () => undefined).export(principal, 'csv', {});
  await pipeline(file.body, new Writable({ write(chunk: Buffer, _encoding, done) { bytes += chunk.length; done(); } }));
  const exportSeconds = (performance.now() - exportStarted) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());

  console.log(`database: ${database.kind}, entries: ${ENTRIES}, concurrent writers: ${CONCURRENCY}`);
  if (ENTRIES > 0) console.log(`append:  ${appendSeconds.toFixed(1)} s, ${Math.round(ENTRIES / appendSeconds)} appends/s`);
  console.log(`verify:  ${report.verified_count} entries in ${verifySeconds.toFixed(2)} s, ${Math.round(report.verified_count / verifySeconds)} entries/s`);
  console.log(`export:  CSV ${mib(bytes)} in ${exportSeconds.toFixed(2)} s; RSS before ${mib(rssBefore)}, peak during export ${mib(peakRss)} (+${mib(peakRss - rssBefore)})`);
} finally {
  await database.close();
}
