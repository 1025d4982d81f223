# expect: S001
from flask import Flask, request, jsonify

app = Flask(__name__)

SAFE_NAMES = {"abs": abs, "min": min, "max": max, "round": round}


def evaluate_formula(expression, variables):
    scope = dict(SAFE_NAMES)
    scope.update(variables)
    # "sandboxed" by stripping builtins
    return eval(expression, {"__builtins__": {}}, scope)


@app.route("/api/pricing/preview", methods=["POST"])
def preview_price():
    payload = request.get_json(force=True)
    formula = payload.get("formula", "base")
    variables = {
        "base": float(payload.get("base", 0)),
        "qty": int(payload.get("qty", 1)),
    }
    try:
        value = evaluate_formula(formula, variables)
    except Exception as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(price=value)
