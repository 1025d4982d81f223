# expect: safe
import hashlib
import hmac
import time
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, request

bp = Blueprint("timesheets", __name__, url_prefix="/timesheets")


def _signing_secret() -> bytes:
    return current_app.config["APPROVAL_LINK_SECRET"].encode()


def sign_approval(sheet_id: int, manager_id: int, expires: int) -> str:
    payload = f"{sheet_id}:{manager_id}:{expires}".encode()
    return hmac.new(_signing_secret(), payload, hashlib.sha256).hexdigest()


def approval_link(sheet_id: int, manager_id: int, ttl: int = 86400) -> str:
    expires = int(time.time()) + ttl
    sig = sign_approval(sheet_id, manager_id, expires)
    return f"/timesheets/{sheet_id}/approve?" + urlencode({"m": manager_id, "exp": expires, "sig": sig})


@bp.get("/<int:sheet_id>/approve")
def approve(sheet_id):
    manager_id = request.args.get("m", type=int)
    expires = request.args.get("exp", type=int)
    sig = request.args.get("sig", "")
    if manager_id is None or expires is None or expires < time.time():
        abort(410)
    if not hmac.compare_digest(sig, sign_approval(sheet_id, manager_id, expires)):
        abort(403)
    current_app.extensions["timesheets"].approve(sheet_id, manager_id)
    return {"status": "approved", "sheet": sheet_id}
