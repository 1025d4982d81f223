import random
import secrets
import string


def make_reset_token():
    # ruleid: S008
    return "".join(random.choice(string.ascii_letters) for _ in range(32))


def roll_dice():
    # ok: S008
    return random.randint(1, 6)


def session():
    # ruleid: S008
    session_id = random.getrandbits(128)
    # ok: S008
    csrf_token = secrets.token_hex(16)
    return session_id, csrf_token
