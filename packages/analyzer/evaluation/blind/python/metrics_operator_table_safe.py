# expect: safe
import operator
import re

from flask import Flask, abort, jsonify, request

from warehouse import fetch_sales_row

app = Flask(__name__)

OPERATORS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
FORMULA = re.compile(
    r"^\s*([a-z_]+|\d+(?:\.\d+)?)\s*([-+*/])\s*([a-z_]+|\d+(?:\.\d+)?)\s*$"
)


def _operand(token, row):
    if token[0].isdigit():
        return float(token)
    if token not in row:
        raise KeyError(token)
    return row[token]


def evaluate_metric(formula, row):
    match = FORMULA.match(formula)
    if not match:
        raise ValueError("unsupported formula")
    left, op, right = match.groups()
    return OPERATORS[op](_operand(left, row), _operand(right, row))


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
    except (KeyError, ValueError, ZeroDivisionError):
        abort(422)
    return jsonify({"sku": sku, "formula": formula, "value": value})
