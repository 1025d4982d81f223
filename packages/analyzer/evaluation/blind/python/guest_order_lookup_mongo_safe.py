# expect: safe
import os
import re

from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
orders = MongoClient(os.environ["MONGO_URL"]).shop.orders

PUBLIC_FIELDS = {"_id": 0, "number": 1, "status": 1, "items": 1, "shipping.carrier": 1, "shipping.tracking": 1}
ORDER_NUMBER = re.compile(r"^[A-Z]{2}-\d{6,10}$")


def find_guest_order(number, email):
    return orders.find_one({"number": number, "email": email, "guest": True}, PUBLIC_FIELDS)


@app.post("/orders/lookup")
def lookup_order():
    body = request.get_json(silent=True) or {}
    number = body.get("number")
    email = body.get("email")
    if not isinstance(number, str) or not isinstance(email, str):
        return jsonify({"error": "order number and email are required"}), 400
    if not ORDER_NUMBER.match(number.upper()) or "@" not in email:
        return jsonify({"error": "invalid order number or email"}), 400
    order = find_guest_order(number.upper(), email.strip().lower())
    if order is None:
        return jsonify({"error": "order not found"}), 404
    return jsonify(order)
