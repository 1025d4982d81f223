# expect: S028
import hashlib
import os
import secrets
from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, Depends, HTTPException, Response
from pydantic import BaseModel

from .auth import authenticate, get_token_store

router = APIRouter(prefix="/auth")

REFRESH_TTL = timedelta(days=int(os.environ.get("REFRESH_TTL_DAYS", "14")))


class LoginForm(BaseModel):
    email: str
    password: str


def issue_refresh_token(store, user_id: int) -> str:
    token = secrets.token_urlsafe(48)
    digest = hashlib.sha256(token.encode()).hexdigest()
    store.save(digest, user_id, datetime.now(timezone.utc) + REFRESH_TTL)
    return token


@router.post("/login")
async def login(form: LoginForm, response: Response, store=Depends(get_token_store)):
    user = await authenticate(form.email, form.password)
    if user is None:
        raise HTTPException(status_code=401, detail="invalid credentials")

    refresh = issue_refresh_token(store, user.id)
    response.set_cookie(
        key="refresh_token",
        value=refresh,
        max_age=int(REFRESH_TTL.total_seconds()),
        path="/auth/refresh",
        samesite="strict",
    )
    return {"user_id": user.id, "display_name": user.display_name}
