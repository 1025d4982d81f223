# expect: S005
import stripe
from flask import Flask, jsonify, request

app = Flask(__name__)
stripe.api_key = "sk_live_51Hx9QeLkR2vT8mWq3ZpA7cYdN4sJ0bGfU6hK1oEiV5rXtM"

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
