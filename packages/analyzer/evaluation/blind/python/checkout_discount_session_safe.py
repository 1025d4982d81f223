# expect: safe
import os

from flask import Flask, jsonify, request, session

from shop.cart import cart_lines
from shop.models import Promotion
from shop.pricing import apply_discount

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]


@app.post("/cart/promo")
def apply_promo():
    code = request.form.get("code", "").strip().upper()
    promo = Promotion.active_by_code(code) if code else None
    if promo is None:
        return jsonify({"error": "unknown or expired promo code"}), 400
    session["promo_id"] = promo.id
    return jsonify(summary())


def summary():
    lines = cart_lines(session.get("cart_id"))
    subtotal = sum(line.total for line in lines)
    promo = Promotion.get_active(session.get("promo_id"))
    total = apply_discount(subtotal, promo.percent) if promo else subtotal
    return {"subtotal": subtotal, "total": total, "promo": promo.code if promo else None}
