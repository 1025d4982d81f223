# expect: S003
import os

import psycopg2
from flask import Flask, jsonify, request

app = Flask(__name__)


def get_conn():
    return psycopg2.connect(os.environ["DATABASE_URL"])


def find_tickets(status, assignee):
    query = f"""
        SELECT id, title, priority, updated_at
        FROM support_ticket
        WHERE status = '{status}' AND assignee = %s
        ORDER BY updated_at DESC
        LIMIT 50
    """
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute(query, (assignee,))
        return cur.fetchall()


@app.get("/api/tickets")
def list_tickets():
    status = request.args.get("status", "open")
    assignee = request.args.get("assignee", "")
    rows = find_tickets(status, assignee)
    return jsonify([
        {"id": r[0], "title": r[1], "priority": r[2], "updated": r[3].isoformat()}
        for r in rows
    ])
