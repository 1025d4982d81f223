# expect: S032
import os

from flask import Flask, jsonify, request, session
from flask_login import current_user, login_required

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["FLASK_SECRET_KEY"],
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


def parse_patient_id(form) -> int:
    raw = form.get("patient_id", "")
    if not raw.isdigit():
        raise ValueError("patient_id must be numeric")
    return int(raw)


@app.post("/caregiver/acting-for")
@login_required
def act_for_patient():
    try:
        patient_id = parse_patient_id(request.form)
    except ValueError as exc:
        return jsonify(error=str(exc)), 400
    session["acting_patient_id"] = patient_id
    session["acting_as_caregiver"] = current_user.id
    return jsonify(ok=True, patient_id=patient_id)


@app.get("/caregiver/acting-for")
@login_required
def current_patient():
    return jsonify(patient_id=session.get("acting_patient_id"))
