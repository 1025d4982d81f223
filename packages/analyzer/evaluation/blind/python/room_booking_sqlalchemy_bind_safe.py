# expect: safe
import os
from datetime import date

from flask import Flask, jsonify, request
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ["BOOKING_DATABASE_URL"], pool_pre_ping=True)

SORT_COLUMNS = {"capacity": "r.capacity", "name": "r.name", "floor": "r.floor"}


def availability_query(order_by: str):
    return text(
        "SELECT r.id, r.name, r.capacity, r.floor FROM rooms r "
        "WHERE r.building = :building AND r.id NOT IN ("
        "  SELECT b.room_id FROM bookings b WHERE b.day = :day"
        f") ORDER BY {SORT_COLUMNS[order_by]}"
    )


def fetch_available(building: str, day: date, order_by: str) -> list:
    with engine.connect() as conn:
        result = conn.execute(availability_query(order_by), {"building": building, "day": day})
        return [dict(row) for row in result.mappings()]


@app.get("/rooms/available")
def available_rooms():
    building = request.args.get("building", "HQ").strip()
    order_by = request.args.get("sort", "capacity")
    if order_by not in SORT_COLUMNS:
        return jsonify(error="unknown sort column"), 400
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        return jsonify(error="day must be YYYY-MM-DD"), 400
    return jsonify(rooms=fetch_available(building, day, order_by))
