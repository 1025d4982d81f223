# expect: S034
import os

from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
orders = MongoClient(os.environ["MONGO_URL"]).shop.orders

PUBLIC_FIELDS = {"_id": 0, "number": 1, "status": 1, "items": 1, "shipping.carrier": 1, "shipping.tracking": 1}


def find_guest_order(number, email):
    return orders.find_one({"number": number, "email": email, "guest": True}, PUBLIC_FIELDS)


@app.post("/orders/lookup")
def lookup_order():
    body = request.get_json(silent=True) or {}
    number = body.get("number")
    email = body.get("email")
    if not number or not email:
        return jsonify({"error": "order number and email are required"}), 400
    order = find_guest_order(number, email)
    if order is None:
        return jsonify({"error": "order not found"}), 404
    return jsonify(order)
