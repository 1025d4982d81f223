# expect: S001
from fastapi import APIRouter, Body, Depends, HTTPException, Query

router = APIRouter(prefix="/gradebook")


class CurveEngine:
    helpers = {"min": min, "max": max, "round": round}

    def __init__(self, formula: str):
        self.formula = formula.strip()

    def apply(self, score: float) -> float:
        scope = dict(self.helpers, score=score)
        return float(eval(self.formula, {"__builtins__": {}}, scope))


def get_engine(formula: str = Query("score", max_length=200)) -> CurveEngine:
    if not formula.strip():
        raise HTTPException(status_code=422, detail="formula required")
    return CurveEngine(formula)


@router.post("/sections/{section_id}/curve/preview")
def preview_curve(
    section_id: int,
    scores: list[float] = Body(..., embed=True),
    engine: CurveEngine = Depends(get_engine),
):
    try:
        curved = [round(min(100.0, max(0.0, engine.apply(s))), 1) for s in scores]
    except (ArithmeticError, TypeError, ValueError) as exc:
        raise HTTPException(status_code=422, detail="formula could not be applied") from exc
    return {"section": section_id, "original": scores, "curved": curved}
