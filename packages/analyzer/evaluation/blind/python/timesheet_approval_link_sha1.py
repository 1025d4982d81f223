# expect: S006
import hashlib
import time
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, request

bp = Blueprint("timesheets", __name__, url_prefix="/timesheets")


def _signing_secret() -> str:
    return current_app.config["APPROVAL_LINK_SECRET"]


def sign_approval(sheet_id: int, manager_id: int, expires: int) -> str:
    payload = f"{_signing_secret()}:{sheet_id}:{manager_id}:{expires}"
    return hashlib.sha1(payload.encode()).hexdigest()


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
    if sig != sign_approval(sheet_id, manager_id, expires):
        abort(403)
    current_app.extensions["timesheets"].approve(sheet_id, manager_id)
    return {"status": "approved", "sheet": sheet_id}
