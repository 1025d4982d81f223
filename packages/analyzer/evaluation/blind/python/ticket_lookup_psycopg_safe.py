# expect: safe
import os

import psycopg2
from flask import Flask, jsonify, request

app = Flask(__name__)

SORTS = {
    "recent": "updated_at DESC",
    "priority": "priority DESC, updated_at DESC",
    "oldest": "created_at ASC",
}


def get_conn():
    return psycopg2.connect(os.environ["DATABASE_URL"])


def find_tickets(status, assignee, sort_key):
    order_by = SORTS.get(sort_key, SORTS["recent"])
    query = (
        "SELECT id, title, priority, updated_at FROM support_ticket "
        "WHERE status = %s AND assignee = %s "
        f"ORDER BY {order_by} LIMIT 50"
    )
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute(query, (status, assignee))
        return cur.fetchall()


@app.get("/api/tickets")
def list_tickets():
    status = request.args.get("status", "open")
    assignee = request.args.get("assignee", "")
    rows = find_tickets(status, assignee, request.args.get("sort", "recent"))
    return jsonify([
        {"id": r[0], "title": r[1], "priority": r[2], "updated": r[3].isoformat()}
        for r in rows
    ])
