# expect: safe
import ast
import operator

from fastapi import APIRouter, Body, Depends, HTTPException, Query

router = APIRouter(prefix="/gradebook")

_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_FUNCS = {"min": min, "max": max, "round": round}


class CurveEngine:
    def __init__(self, formula: str):
        try:
            self.tree = ast.parse(formula.strip(), mode="eval")
        except SyntaxError as exc:
            raise HTTPException(status_code=422, detail="invalid formula") from exc

    def _eval(self, node, score):
        if isinstance(node, ast.Expression):
            return self._eval(node.body, score)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return node.value
        if isinstance(node, ast.Name) and node.id == "score":
            return score
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            return _BINOPS[type(node.op)](self._eval(node.left, score), self._eval(node.right, score))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -self._eval(node.operand, score)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCS and not node.keywords:
            return _FUNCS[node.func.id](*(self._eval(arg, score) for arg in node.args))
        raise HTTPException(status_code=422, detail="unsupported expression")

    def apply(self, score: float) -> float:
        return float(self._eval(self.tree, score))


def get_engine(formula: str = Query("score", max_length=200)) -> CurveEngine:
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
