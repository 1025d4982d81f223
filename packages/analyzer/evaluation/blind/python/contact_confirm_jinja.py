# expect: S027
from flask import Flask, request
from jinja2 import Environment, FileSystemLoader

from crm import create_enquiry

app = Flask(__name__)
pages = Environment(loader=FileSystemLoader("templates/public"), autoescape=False)


def render_page(name, **context):
    return pages.get_template(name).render(**context)


@app.post("/contact")
def contact():
    form = {
        "name": request.form.get("name", "").strip(),
        "email": request.form.get("email", "").strip(),
        "message": request.form.get("message", "").strip(),
    }
    if not form["email"] or not form["message"]:
        return render_page("contact.html", error="Email and message are required", form=form), 400
    ticket = create_enquiry(**form)
    return render_page("contact_thanks.html", name=form["name"], ticket=ticket.reference)
