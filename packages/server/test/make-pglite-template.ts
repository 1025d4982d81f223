// Writes a migrated, empty embedded database dump to the path given; scripts/test.mjs hands it to every test file.
import { writeFileSync } from 'node:fs';
import { dumpMigratedEmbeddedDatabase } from '../src/db/client.ts';

const target = process.argv[2];
if (!target) throw new Error('usage: make-pglite-template.ts OUTPUT');
writeFileSync(target, Buffer.from(await (await dumpMigratedEmbeddedDatabase()).arrayBuffer()));
