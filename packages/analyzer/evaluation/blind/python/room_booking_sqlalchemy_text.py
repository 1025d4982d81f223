# expect: S003
import os
from datetime import date

from flask import Flask, jsonify, request
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ["BOOKING_DATABASE_URL"], pool_pre_ping=True)


def availability_query(building: str, day: date) -> str:
    return (
        "SELECT r.id, r.name, r.capacity FROM rooms r "
        f"WHERE r.building = '{building}' AND r.id NOT IN ("
        "  SELECT b.room_id FROM bookings b "
        f"  WHERE b.day = '{day.isoformat()}'"
        ") ORDER BY r.capacity"
    )


def fetch_available(building: str, day: date) -> list:
    with engine.connect() as conn:
        result = conn.execute(text(availability_query(building, day)))
        return [dict(row) for row in result.mappings()]


@app.get("/rooms/available")
def available_rooms():
    building = request.args.get("building", "HQ").strip()
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        return jsonify(error="day must be YYYY-MM-DD"), 400
    if day < date.today():
        return jsonify(error="day is in the past"), 400
    return jsonify(rooms=fetch_available(building, day))
