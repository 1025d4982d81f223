# expect: safe
import os

import stripe
from flask import Flask, jsonify, request

STRIPE_KEY_VAR = "STRIPE_SECRET_KEY"

app = Flask(__name__)
stripe.api_key = os.environ[STRIPE_KEY_VAR]

PLANS = {
    "starter": "price_1OaStarterMonthly",
    "pro": "price_1OaProMonthly",
}


def create_checkout(plan, customer_email):
    return stripe.checkout.Session.create(
        mode="subscription",
        line_items=[{"price": PLANS[plan], "quantity": 1}],
        customer_email=customer_email,
        success_url="https://app.example.com/billing/success",
        cancel_url="https://app.example.com/billing",
    )


@app.post("/billing/checkout")
def checkout():
    plan = request.form.get("plan")
    if plan not in PLANS:
        return jsonify({"error": "unknown plan"}), 400
    session = create_checkout(plan, request.form.get("email"))
    return jsonify({"url": session.url})
