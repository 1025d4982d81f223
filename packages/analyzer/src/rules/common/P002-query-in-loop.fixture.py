def load(cursor, ids):
    rows = []
    for user_id in ids:
        # ruleid: P002
        cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
        rows.append(cursor.fetchall())
    # ok: P002
    cursor.execute("SELECT * FROM users WHERE id = ANY(%s)", (ids,))
    return rows
