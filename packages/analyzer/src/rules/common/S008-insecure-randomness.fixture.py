import random
import secrets
import string
import time
from random import choice as pick


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


def onboarding(user, names, items):
    # ruleid: S008
    verification_code = random.randint(100000, 999999)
    # ruleid: S008
    user.set_password("".join(pick(string.ascii_letters) for _ in range(12)))
    # ok: S008
    sort_key = random.random()
    # ok: S008
    author = random.choice(names)
    # ok: S008
    status_code = random.choice([200, 503])
    # ok: S008
    items.sort(key=lambda item: random.random())
    return verification_code, sort_key, author, status_code


def generate_api_key():
    # ruleid: S008
    return "%032x" % random.getrandbits(128)


def make_reset_code(length=8):
    digits = []
    for _ in range(length):
        # ruleid: S008
        digits.append(random.choice(string.digits))
    return "".join(digits)


def request_password_reset(user):
    if user is None:
        # ok: S008
        time.sleep(random.uniform(0.05, 0.2))
    return user


def generate_code(length=6):
    # ruleid: S008
    return "".join(str(random.randint(0, 9)) for _ in range(length))


def request_otp(user, store):
    code = generate_code()
    store.put(user, code)


def pick_colour():
    # ok: S008
    return random.choice(["red", "green", "blue"])


def paint_badge(badge):
    code = pick_colour()
    badge.fill(code)


def make_voucher_code(length=10):
    # ruleid: S008
    code = "".join(random.choices(string.ascii_uppercase, k=length))
    return f"{code[:5]}-{code[5:]}"


def make_voucher_label():
    # ok: S008
    label = random.choice(["Lobby", "Pool", "Terrace"])
    return f"Guest wifi - {label}"
