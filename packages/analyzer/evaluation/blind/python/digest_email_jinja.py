# expect: S027
import os

from jinja2 import Environment, FileSystemLoader

from app.db import fetch_recent_comments
from app.mail import send_html_mail

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")
env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), trim_blocks=True)


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
    html = render_digest(user, comments)
    send_html_mail(user["email"], "Your weekly digest", html)
    return True
