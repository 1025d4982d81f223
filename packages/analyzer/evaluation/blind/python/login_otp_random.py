# expect: S008
import random
import time

from flask import Flask, jsonify, request

from auth.store import otp_store, users
from notify import send_sms

app = Flask(__name__)
OTP_TTL = 300


def generate_code(length=6):
    return "".join(str(random.randint(0, 9)) for _ in range(length))


@app.post("/auth/otp")
def request_otp():
    phone = (request.get_json(silent=True) or {}).get("phone", "")
    user = users.find_by_phone(phone)
    if user is None:
        return jsonify({"status": "sent"})
    code = generate_code()
    otp_store.put(user.id, code, expires_at=time.time() + OTP_TTL)
    send_sms(phone, f"Your login code is {code}")
    return jsonify({"status": "sent"})
