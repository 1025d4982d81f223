# expect: safe
import json
import os
import sqlite3
from dataclasses import dataclass, field

from flask import Flask, g, jsonify, request

app = Flask(__name__)
DB_PATH = os.environ.get("SAVES_DB", "saves.sqlite3")


@dataclass
class SaveGame:
    level: int = 1
    health: int = 100
    inventory: list = field(default_factory=list)


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
    return g.db


def restore_state(blob: str) -> SaveGame:
    data = json.loads(blob)
    if not isinstance(data, dict):
        raise ValueError("not a save game")
    level, health = int(data.get("level", 1)), int(data.get("health", 100))
    inventory = [str(item) for item in data.get("inventory", [])][:200]
    return SaveGame(level=level, health=max(0, min(health, 100)), inventory=inventory)


@app.post("/api/players/<int:player_id>/saves/<int:slot>")
def upload_save(player_id: int, slot: int):
    payload = request.get_json(force=True) or {}
    try:
        state = restore_state(payload.get("state", ""))
    except (ValueError, TypeError):
        return jsonify(error="invalid save file"), 400
    db = get_db()
    db.execute(
        "INSERT OR REPLACE INTO saves (player_id, slot, level, health) VALUES (?, ?, ?, ?)",
        (player_id, slot, state.level, state.health),
    )
    db.commit()
    return jsonify(slot=slot, level=state.level, items=len(state.inventory))
