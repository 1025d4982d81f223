# expect: S027
import os

from flask import Blueprint
from flask_login import current_user, login_required
from jinja2 import Environment, FileSystemLoader

from .models import Visit

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")
_env = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
)

bp = Blueprint("discharge", __name__)


def render_discharge_summary(visit):
    template = _env.get_template("discharge_summary.html")
    return template.render(
        patient=visit.patient.name,
        owner=visit.patient.owner.full_name,
        species=visit.patient.species,
        diagnosis=visit.diagnosis,
        instructions=visit.home_care_notes,
        medications=[(m.drug, m.dose, m.frequency) for m in visit.prescriptions],
        clinician=visit.clinician.display_name,
    )


@bp.get("/visits/<int:visit_id>/discharge")
@login_required
def discharge_view(visit_id):
    visit = Visit.query.filter_by(id=visit_id, clinic_id=current_user.clinic_id).first_or_404()
    return render_discharge_summary(visit)
