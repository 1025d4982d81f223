# expect: safe
import os

from flask import Flask, jsonify, request, session
from flask_login import current_user, login_required

from .models import CaregiverLink

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["FLASK_SECRET_KEY"],
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


def linked_patient(caregiver_id: int, raw_patient_id: str):
    if not raw_patient_id.isdigit():
        return None
    link = CaregiverLink.query.filter_by(
        caregiver_id=caregiver_id, patient_id=int(raw_patient_id), revoked=False
    ).first()
    return link.patient_id if link else None


@app.post("/caregiver/acting-for")
@login_required
def act_for_patient():
    patient_id = linked_patient(current_user.id, request.form.get("patient_id", ""))
    if patient_id is None:
        return jsonify(error="you are not linked to that patient"), 403
    session["acting_patient_id"] = patient_id
    session["acting_as_caregiver"] = current_user.id
    return jsonify(ok=True, patient_id=patient_id)


@app.get("/caregiver/acting-for")
@login_required
def current_patient():
    return jsonify(patient_id=session.get("acting_patient_id"))
