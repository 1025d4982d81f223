// expect: S003
module.exports = async function search(req, res, pool) {
  const rows = await pool.query("SELECT * FROM products WHERE name LIKE '%" + req.query.q + "%'");
  res.json(rows);
};
