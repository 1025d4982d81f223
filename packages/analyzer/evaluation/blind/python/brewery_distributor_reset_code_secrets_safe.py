# expect: safe
import secrets
import string
from datetime import datetime, timedelta, timezone

from .db import get_connection
from .mail import send_template

ALPHABET = string.ascii_uppercase + string.digits
CODE_TTL = timedelta(minutes=30)


def _reset_code(length=8):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


class DistributorPasswordReset:
    def __init__(self, conn_factory=get_connection):
        self._conn_factory = conn_factory

    def start(self, distributor_email):
        with self._conn_factory() as conn:
            row = conn.execute(
                "SELECT id FROM distributor_users WHERE email = ?", (distributor_email,)
            ).fetchone()
            if row is None:
                return
            code = _reset_code()
            expires = datetime.now(timezone.utc) + CODE_TTL
            conn.execute(
                "INSERT INTO password_resets (user_id, code, expires_at) VALUES (?, ?, ?)",
                (row[0], code, expires.isoformat()),
            )
        send_template(distributor_email, "distributor_reset", {"code": code, "minutes": 30})

    def verify(self, user_id, code):
        with self._conn_factory() as conn:
            row = conn.execute(
                "SELECT expires_at FROM password_resets "
                "WHERE user_id = ? AND code = ? AND used_at IS NULL",
                (user_id, code),
            ).fetchone()
        if row is None:
            return False
        return datetime.fromisoformat(row[0]) > datetime.now(timezone.utc)
