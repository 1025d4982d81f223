// Creates and migrates (or, with --drop, drops) the PostgreSQL database that every test file of a run copies.
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';

const [adminUrl, name, flag] = process.argv.slice(2);
if (!adminUrl || !name) throw new Error('usage: make-postgres-template.ts ADMIN_URL NAME [--drop]');
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(flag === '--drop' ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)` : `CREATE DATABASE ${name}`);
await admin.end();
if (flag !== '--drop') {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
  await database.close();
}
