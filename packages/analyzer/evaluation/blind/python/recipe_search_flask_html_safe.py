# expect: safe
import os
import sqlite3

from flask import Flask, g, request
from markupsafe import Markup, escape

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
    items = Markup("").join(
        Markup('<li><a href="/recipes/{}">{}</a> &middot; {} min</li>').format(
            r["slug"], r["title"], int(r["minutes"])
        )
        for r in recipes
    )
    if not items:
        items = Markup("<li>No recipes found. Try another ingredient.</li>")
    return Markup("<section class='results'><h2>Recipes matching \u201c{}\u201d</h2><ul>{}</ul></section>").format(
        escape(term), items
    )


@app.get("/search")
def search():
    term = request.args.get("q", "").strip()[:80]
    recipes = find_recipes(term) if term else []
    return render_results(term, recipes), 200, {"Content-Type": "text/html; charset=utf-8"}
