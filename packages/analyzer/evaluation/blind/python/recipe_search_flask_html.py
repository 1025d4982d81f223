# expect: S011
import html
import os
import sqlite3

from flask import Flask, g, request

app = Flask(__name__)
DB_PATH = os.environ.get("RECIPES_DB", "recipes.db")


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


def find_recipes(term: str, limit: int = 25):
    return get_db().execute(
        "SELECT slug, title, minutes FROM recipes WHERE title LIKE ? ORDER BY rating DESC LIMIT ?",
        (f"%{term}%", limit),
    ).fetchall()


def render_results(term: str, recipes) -> str:
    items = "".join(
        f'<li><a href="/recipes/{html.escape(r["slug"])}">{html.escape(r["title"])}</a>'
        f" &middot; {int(r['minutes'])} min</li>"
        for r in recipes
    )
    if not items:
        items = "<li>No recipes found. Try another ingredient.</li>"
    return f"<section class='results'><h2>Recipes matching \u201c{term}\u201d</h2><ul>{items}</ul></section>"


@app.get("/search")
def search():
    term = request.args.get("q", "").strip()[:80]
    recipes = find_recipes(term) if term else []
    return render_results(term, recipes), 200, {"Content-Type": "text/html; charset=utf-8"}
