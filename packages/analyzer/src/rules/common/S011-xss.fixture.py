from django.utils import safestring
from django.utils.html import format_html
from django.utils.safestring import SafeString
from markupsafe import Markup


def greet(name):
    # ruleid: S011
    return Markup("<b>" + name + "</b>")


def banner():
    # ok: S011
    return Markup("<b>Welcome</b>")


def django_views(name, comment):
    # ruleid: S011
    badge = safestring.mark_safe(f"<span>{name}</span>")
    # ruleid: S011
    body = SafeString(comment)
    # ruleid: S011
    title = format_html("<h1>" + name + "</h1>")
    # ok: S011
    escaped = format_html("<h1>{}</h1>", name)
    # ok: S011
    footer = safestring.mark_safe("<hr>")
    return badge, body, title, escaped, footer
