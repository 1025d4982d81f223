def find(cursor, user_id, name):
    # ruleid: S003
    cursor.execute("SELECT * FROM users WHERE id = " + user_id)
    # ruleid: S003
    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
    # ruleid: S003
    cursor.execute("DELETE FROM users WHERE id = %s" % user_id)
    query = "SELECT * FROM users WHERE name = '{}'".format(name)
    # ruleid: S003
    cursor.execute(query)
    # ok: S003
    cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
    # ok: S003
    cursor.execute("SELECT 1")
