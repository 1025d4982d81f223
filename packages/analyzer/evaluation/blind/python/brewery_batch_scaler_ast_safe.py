# expect: safe
import ast
import operator

from flask import Blueprint, abort, jsonify, request

from .models import Recipe

bp = Blueprint("batch_scaler", __name__, url_prefix="/recipes")

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def _evaluate(node, context):
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, context)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name) and node.id in context:
        return context[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left = _evaluate(node.left, context)
        right = _evaluate(node.right, context)
        return _OPS[type(node.op)](left, right)
    raise ValueError("unsupported expression")


@bp.post("/<int:recipe_id>/scale")
def scale_recipe(recipe_id):
    recipe = Recipe.query.get_or_404(recipe_id)
    payload = request.get_json(force=True) or {}
    rule = str(payload.get("rule", "amount * target / volume"))[:200]
    target_volume = float(payload.get("target_volume", recipe.batch_volume))
    try:
        tree = ast.parse(rule, mode="eval")
    except SyntaxError:
        abort(400)

    scaled = []
    for item in recipe.ingredients:
        context = {
            "amount": float(item.amount),
            "volume": float(recipe.batch_volume),
            "target": target_volume,
        }
        try:
            new_amount = _evaluate(tree, context)
        except (ValueError, ZeroDivisionError):
            abort(400)
        scaled.append({"name": item.name, "amount": round(float(new_amount), 3), "unit": item.unit})

    return jsonify({"recipe": recipe.name, "target_volume": target_volume, "ingredients": scaled})
