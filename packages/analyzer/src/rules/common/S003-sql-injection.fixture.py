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


def django_queries(User, name, order):
    from django.db.models.expressions import RawSQL

    # ruleid: S003
    User.objects.extra(where=[f"name = '{name}'"])
    # ruleid: S003
    User.objects.extra(select={"rank": "score * " + order})
    # ruleid: S003
    User.objects.annotate(rank=RawSQL("SELECT rank FROM ranks WHERE name = '%s'" % name, ()))
    # ok: S003
    User.objects.extra(where=["name = %s"], params=[name])
    # ok: S003
    User.objects.extra(select={"is_recent": "created > '2024-01-01'"})
    # ok: S003
    User.objects.annotate(rank=RawSQL("SELECT rank FROM ranks WHERE name = %s", (name,)))


def report(pdf, canvas, customer):
    # ok: S003
    pdf.text(10, 10, "Order from " + customer)
    # ok: S003
    canvas.text((5, 5), f"Delivered to {customer} where you live")
    # ruleid: S003
    return sqlalchemy.text("SELECT * FROM orders WHERE customer = '" + customer + "'")


SORTABLE = {"name", "created_at"}
ORDERINGS = {"newest": "created_at DESC", "oldest": "created_at ASC"}


def sorted_customers(cursor, sort, order):
    column = sort if sort in SORTABLE else "name"
    # ok: S003
    cursor.execute(f"SELECT id FROM customers ORDER BY {column}")
    # ok: S003
    cursor.execute(f"SELECT id FROM customers ORDER BY {ORDERINGS.get(order, 'id')}")
    # ruleid: S003
    cursor.execute(f"SELECT id FROM customers ORDER BY {sort}")
    if order not in ORDERINGS:
        return None
    # ok: S003
    return cursor.execute("SELECT id FROM customers ORDER BY created_at " + order)


def rooms_query(building):
    return f"SELECT id FROM rooms WHERE building = '{building}'"


def all_rooms_query():
    return "SELECT id FROM rooms ORDER BY " + "capacity"


def rooms(conn, building):
    # ruleid: S003
    conn.execute(sqlalchemy.text(rooms_query(building)))
    # ok: S003
    return conn.execute(sqlalchemy.text(all_rooms_query()))
