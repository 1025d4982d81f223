# expect: S001
import math

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

router = APIRouter(prefix="/carriers")

RULE_GLOBALS = {
    "__builtins__": {},
    "ceil": math.ceil,
    "floor": math.floor,
    "min": min,
    "max": max,
}


class RatePreview(BaseModel):
    carrier: str = Field(..., max_length=40)
    formula: str = Field(..., max_length=500)
    weight_kg: float = Field(..., gt=0)
    distance_km: float = Field(..., ge=0)


def compile_rate_rule(source: str):
    code = compile(source, "<rate-rule>", "eval")

    def rule(weight_kg: float, distance_km: float) -> float:
        scope = {"weight": weight_kg, "distance": distance_km}
        return float(eval(code, RULE_GLOBALS, scope))

    return rule


@router.post("/rate-preview")
async def preview_rate(body: RatePreview):
    try:
        rule = compile_rate_rule(body.formula)
        amount = rule(body.weight_kg, body.distance_km)
    except (SyntaxError, NameError, TypeError, ZeroDivisionError) as exc:
        raise HTTPException(status_code=422, detail=f"formula error: {type(exc).__name__}")
    return {"carrier": body.carrier, "amount": round(amount, 2)}
