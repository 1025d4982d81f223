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
