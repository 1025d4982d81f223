# expect: S006
import hashlib
import hmac
import secrets

from sqlalchemy import select

from .db import SessionLocal
from .models import PortalAccount


def hash_password(password: str, salt: str) -> str:
    return hashlib.md5((salt + password).encode("utf-8")).hexdigest()


def register_patient_account(email: str, password: str, patient_id: int) -> int:
    salt = secrets.token_hex(8)
    with SessionLocal() as db:
        account = PortalAccount(
            email=email.strip().lower(),
            patient_id=patient_id,
            password_salt=salt,
            password_hash=hash_password(password, salt),
        )
        db.add(account)
        db.commit()
        return account.id


def authenticate(email: str, password: str):
    with SessionLocal() as db:
        account = db.scalar(
            select(PortalAccount).where(PortalAccount.email == email.strip().lower())
        )
        if account is None or account.locked:
            return None
        candidate = hash_password(password, account.password_salt)
        if hmac.compare_digest(candidate, account.password_hash):
            return account
        return None
