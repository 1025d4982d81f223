# expect: safe
import ast
import math
import operator

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

router = APIRouter(prefix="/carriers")

_BIN_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_FUNCS = {"ceil": math.ceil, "floor": math.floor, "min": min, "max": max}


class RatePreview(BaseModel):
    carrier: str = Field(..., max_length=40)
    formula: str = Field(..., max_length=500)
    weight_kg: float = Field(..., gt=0)
    distance_km: float = Field(..., ge=0)


def evaluate_rule(source: str, variables: dict) -> float:
    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.Name) and node.id in variables:
            return variables[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _BIN_OPS:
            return _BIN_OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _FUNCS and not node.keywords):
            return _FUNCS[node.func.id](*[walk(arg) for arg in node.args])
        raise ValueError("unsupported expression")

    return float(walk(ast.parse(source, mode="eval")))


@router.post("/rate-preview")
async def preview_rate(body: RatePreview):
    variables = {"weight": body.weight_kg, "distance": body.distance_km}
    try:
        amount = evaluate_rule(body.formula, variables)
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError) as exc:
        raise HTTPException(status_code=422, detail=f"formula error: {type(exc).__name__}")
    return {"carrier": body.carrier, "amount": round(amount, 2)}
