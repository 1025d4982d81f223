import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AuditRecord, canonicalRecordJson } from '../src/governance/audit-chain.ts';
import { canonicalJson } from '../src/governance/canonical.ts';

const base: AuditRecord = {
  id: 'log-1', entity: 'user', action: 'login', actor_id: 3, resource_id: '3', organization_id: null, status: 'success',
  payload: {}, ip_address: '127.0.0.1', user_agent: 'agent', timestamp: '2024-01-15T10:30:00.000Z', prev_hash: '0'.repeat(64),
};

test('the fast record serialization is exactly the generic RFC 8785 canonical JSON', () => {
  const variants: AuditRecord[] = [
    base,
    { ...base, actor_id: null, resource_id: null, ip_address: null, user_agent: null, organization_id: 12 },
    { ...base, entity: 'file "x"\n', action: 'ünïcödé ✓ 😀', user_agent: 'tab\there\u0001', payload: { z: [1, 2.5, -0, 1e21, null, true], a: { 'é': 'x', b: 'y', '€': 1 }, '': '' } },
  ];
  for (const record of variants) assert.equal(canonicalRecordJson(record), canonicalJson(record));
});

test('canonical JSON sorts keys, drops whitespace and refuses values JSON cannot hold', () => {
  assert.equal(canonicalJson({ b: 1, a: [1.0, 'x', { d: null, c: 2 }] }), '{"a":[1,"x",{"c":2,"d":null}],"b":1}');
  assert.throws(() => canonicalJson({ n: Number.NaN }));
  assert.throws(() => canonicalJson(undefined));
});
