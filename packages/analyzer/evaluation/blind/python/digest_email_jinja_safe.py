# expect: safe
import os

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.db import fetch_recent_comments
from app.mail import send_html_mail

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")
env = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(["html", "htm", "xml"]),
    trim_blocks=True,
)
text_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True)


def render_digest(user, comments):
    template = env.get_template("weekly_digest.html")
    return template.render(
        name=user["display_name"],
        comments=[{"author": c["author"], "body": c["body"]} for c in comments],
    )


def send_weekly_digest(user):
    comments = fetch_recent_comments(user["id"], days=7)
    if not comments:
        return False
    send_html_mail(user["email"], "Your weekly digest", render_digest(user, comments))
    return True
