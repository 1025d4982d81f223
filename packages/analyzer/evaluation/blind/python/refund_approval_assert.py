# expect: S018
from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, condecimal

router = APIRouter(prefix="/refunds")


class StaffUser(BaseModel):
    id: int
    email: str
    scopes: frozenset


class RefundDecision(BaseModel):
    approve: bool
    amount: condecimal(gt=Decimal("0"), max_digits=10, decimal_places=2)
    note: str = ""


def current_staff(request: Request) -> StaffUser:
    user = getattr(request.state, "staff_user", None)
    if user is None:
        raise HTTPException(status_code=401, detail="login required")
    return user


def refund_approver(user: StaffUser = Depends(current_staff)) -> StaffUser:
    assert "refunds:approve" in user.scopes, "missing refunds:approve scope"
    return user


@router.post("/{refund_id}/decision")
async def decide_refund(refund_id: int, decision: RefundDecision, request: Request,
                        approver: StaffUser = Depends(refund_approver)):
    repo = request.app.state.refunds
    refund = await repo.get(refund_id)
    if refund is None:
        raise HTTPException(status_code=404, detail="refund not found")
    if decision.amount > refund.requested_amount:
        raise HTTPException(status_code=422, detail="amount exceeds request")
    await repo.record_decision(refund_id, approver.id, decision.approve, decision.amount, decision.note)
    return {"refund_id": refund_id, "status": "approved" if decision.approve else "rejected"}
