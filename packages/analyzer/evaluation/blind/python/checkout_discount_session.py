# expect: S032
import os

from flask import Flask, jsonify, request, session

from shop.cart import cart_lines
from shop.pricing import apply_discount

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]


@app.post("/cart/promo")
def apply_promo():
    code = request.form.get("code", "").strip().upper()
    percent = request.form.get("percent", type=int)
    if not code or percent is None:
        return jsonify({"error": "missing promo"}), 400
    session["promo"] = {"code": code, "percent": percent}
    return jsonify(summary())


def summary():
    lines = cart_lines(session.get("cart_id"))
    subtotal = sum(line.total for line in lines)
    promo = session.get("promo")
    total = apply_discount(subtotal, promo["percent"]) if promo else subtotal
    return {"subtotal": subtotal, "total": total, "promo": promo}
