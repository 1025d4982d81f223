# expect: S004
import base64
import pickle

from flask import Flask, request, jsonify

app = Flask(__name__)


def load_cart(raw):
    if not raw:
        return {"items": []}
    blob = base64.urlsafe_b64decode(raw.encode("ascii"))
    return pickle.loads(blob)


@app.route("/cart/summary")
def cart_summary():
    cart = load_cart(request.cookies.get("cart_state"))
    total = sum(i["price"] * i["qty"] for i in cart.get("items", []))
    return jsonify(count=len(cart["items"]), total=round(total, 2))
