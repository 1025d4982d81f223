# expect: S006
import hashlib
import hmac
import os
import sqlite3
from typing import Optional

DB_PATH = os.environ.get("GYM_DB_PATH", "/var/lib/gym-kiosk/members.db")
MAX_ATTEMPTS = 5


def _connect() -> sqlite3.Connection:
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def hash_pin(pin: str, salt: bytes) -> str:
    return hashlib.sha1(salt + pin.encode("utf-8")).hexdigest()


def set_pin(member_id: int, pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise ValueError("PIN must be 4-8 digits")
    salt = os.urandom(16)
    with _connect() as conn:
        conn.execute(
            "UPDATE members SET pin_salt = ?, pin_hash = ?, failed_attempts = 0 WHERE id = ?",
            (salt.hex(), hash_pin(pin, salt), member_id),
        )


def check_in(card_number: str, pin: str) -> Optional[int]:
    with _connect() as conn:
        row = conn.execute(
            "SELECT id, pin_salt, pin_hash, failed_attempts FROM members WHERE card_number = ?",
            (card_number,),
        ).fetchone()
        if row is None or row["failed_attempts"] >= MAX_ATTEMPTS:
            return None
        candidate = hash_pin(pin, bytes.fromhex(row["pin_salt"]))
        if not hmac.compare_digest(candidate, row["pin_hash"]):
            conn.execute("UPDATE members SET failed_attempts = failed_attempts + 1 WHERE id = ?", (row["id"],))
            return None
        conn.execute("UPDATE members SET failed_attempts = 0 WHERE id = ?", (row["id"],))
        return row["id"]
