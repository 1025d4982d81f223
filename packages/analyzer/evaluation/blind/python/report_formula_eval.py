# expect: S001
import math

from flask import Flask, abort, jsonify, request

from warehouse import fetch_sales_row

app = Flask(__name__)

HELPERS = {"abs": abs, "round": round, "min": min, "max": max, "sqrt": math.sqrt}


def evaluate_metric(formula, row):
    scope = dict(HELPERS)
    scope.update(row)
    return eval(formula, {"__builtins__": {}}, scope)


@app.route("/api/metrics/<sku>", methods=["POST"])
def custom_metric(sku):
    payload = request.get_json(silent=True) or {}
    formula = payload.get("formula", "")
    if not formula or len(formula) > 200:
        abort(400)
    row = fetch_sales_row(sku)
    if row is None:
        abort(404)
    try:
        value = evaluate_metric(formula, row)
    except Exception:
        abort(422)
    return jsonify({"sku": sku, "formula": formula, "value": value})
