// expect: safe
import { randomUUID, createHash } from 'node:crypto';

export async function findUser(db: { query(sql: string, args: unknown[]): Promise<unknown> }, id: string) {
  return db.query('SELECT * FROM users WHERE id = $1', [id]);
}

export function newId(): string {
  return randomUUID();
}

export function etag(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}
