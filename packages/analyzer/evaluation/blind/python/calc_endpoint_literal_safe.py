# expect: safe
import ast
import operator

from flask import Flask, request, jsonify

app = Flask(__name__)

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub,
        ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate_formula(expression, variables):
    def _eval(node):
        if isinstance(node, ast.Expression):
            return _eval(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.Name) and node.id in variables:
            return variables[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](_eval(node.left), _eval(node.right))
        raise ValueError("unsupported expression")
    return _eval(ast.parse(expression, mode="eval"))


@app.route("/api/pricing/preview", methods=["POST"])
def preview_price():
    payload = request.get_json(force=True)
    discounts = ast.literal_eval(payload.get("discounts", "[]"))
    variables = {"base": float(payload.get("base", 0)), "qty": int(payload.get("qty", 1))}
    try:
        value = evaluate_formula(payload.get("formula", "base"), variables)
    except (ValueError, SyntaxError, ZeroDivisionError) as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(price=value - sum(discounts))
