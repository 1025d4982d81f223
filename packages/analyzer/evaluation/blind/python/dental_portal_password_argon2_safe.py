# expect: safe
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import select

from .db import SessionLocal
from .models import PortalAccount

_hasher = PasswordHasher()


def register_patient_account(email: str, password: str, patient_id: int) -> int:
    with SessionLocal() as db:
        account = PortalAccount(
            email=email.strip().lower(),
            patient_id=patient_id,
            password_hash=_hasher.hash(password),
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
        try:
            _hasher.verify(account.password_hash, password)
        except (VerifyMismatchError, InvalidHashError):
            return None
        if _hasher.check_needs_rehash(account.password_hash):
            account.password_hash = _hasher.hash(password)
            db.commit()
        return account
