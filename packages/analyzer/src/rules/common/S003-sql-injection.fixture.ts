export async function find(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, id: string) {
  // ruleid: S003
  await db.query(`SELECT * FROM users WHERE id = ${id}`);
  const sql = 'SELECT * FROM users WHERE id = ' + id;
  // ruleid: S003
  await db.query(sql);
  // ok: S003
  await db.query('SELECT * FROM users WHERE id = $1', [id]);
  // ok: S003
  await db.query(`SELECT count(*) FROM users`);
}

export function invoice(doc: { text(value: string, x?: number, y?: number): void }, customer: string) {
  // ok: S003
  doc.text('Order from ' + customer, 50, 50);
  // ok: S003
  doc.text(`Delivered to ${customer} where the order was placed`);
}

const SORT_COLUMNS: Record<string, string> = { newest: 'created_at DESC', biggest: 'total DESC' };

export async function orders(db: { query(sql: string, values?: unknown[]): Promise<unknown> }, sort: string, status: string) {
  const orderBy = SORT_COLUMNS[sort] || SORT_COLUMNS.newest;
  // ok: S003
  await db.query(`SELECT id FROM orders WHERE status = $1 ORDER BY ${orderBy}`, [status]);
  // ruleid: S003
  await db.query(`SELECT id FROM orders WHERE status = '${status}' ORDER BY ${orderBy}`);
}

export async function search(db: { query(sql: string, values?: unknown[]): Promise<unknown> }, from?: string, name?: string) {
  let sql = 'SELECT id FROM invoices WHERE 1 = 1';
  const params: unknown[] = [];
  if (from) {
    params.push(from);
    sql += ` AND issued_on >= $${params.length}`;
  }
  // ok: S003
  await db.query(sql, params);
  // ruleid: S003
  await db.query(`SELECT id FROM invoices WHERE name = '${name}' LIMIT ${params.length}`);
}

export async function shifts(prisma: { $queryRawUnsafe(sql: string, ...values: unknown[]): Promise<unknown> }, region: string) {
  // ruleid: S003
  await prisma.$queryRawUnsafe(`SELECT id FROM shifts WHERE region = '${region}'`);
  // ok: S003
  return prisma.$queryRawUnsafe('SELECT id FROM shifts WHERE region = $1', region);
}
