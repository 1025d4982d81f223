# expect: S001
from flask import Blueprint, jsonify, request

from .models import Recipe

bp = Blueprint("batch_scaler", __name__, url_prefix="/recipes")


def _ingredient_rows(recipe):
    return [
        {"name": item.name, "amount": float(item.amount), "unit": item.unit}
        for item in recipe.ingredients
    ]


@bp.post("/<int:recipe_id>/scale")
def scale_recipe(recipe_id):
    recipe = Recipe.query.get_or_404(recipe_id)
    payload = request.get_json(force=True) or {}
    rule = payload.get("rule", "amount * target / volume")
    target_volume = float(payload.get("target_volume", recipe.batch_volume))

    scaled = []
    for row in _ingredient_rows(recipe):
        context = {
            "amount": row["amount"],
            "volume": float(recipe.batch_volume),
            "target": target_volume,
        }
        new_amount = eval(rule, {"__builtins__": {}}, context)
        scaled.append({**row, "amount": round(float(new_amount), 3)})

    return jsonify(
        {"recipe": recipe.name, "target_volume": target_volume, "ingredients": scaled}
    )
