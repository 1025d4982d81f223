# expect: S003
import os
import sqlite3

from bottle import Bottle, request

app = Bottle()
DB_PATH = os.environ.get("DOCKET_DB", "/var/lib/docketing/dockets.db")


class DocketQuery:
    def __init__(self):
        self.clauses = []

    def where(self, column, value):
        if value:
            self.clauses.append(f"{column} = '{value}'")
        return self

    def sql(self):
        base = "SELECT docket_no, caption, filed_on, judge FROM dockets"
        if self.clauses:
            base += " WHERE " + " AND ".join(self.clauses)
        return base + " ORDER BY filed_on DESC LIMIT 100"


@app.get("/dockets")
def search_dockets():
    query = (
        DocketQuery()
        .where("court_code", request.query.get("court"))
        .where("judge", request.query.get("judge"))
        .where("status", request.query.get("status"))
    )
    with sqlite3.connect(DB_PATH) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(query.sql()).fetchall()
    return {"count": len(rows), "results": [dict(r) for r in rows]}
