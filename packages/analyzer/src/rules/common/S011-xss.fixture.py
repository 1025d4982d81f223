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


HEADER = "<header></header>"


def imported_markup():
    from templates import BANNER
    # ruleid: S011
    banner = safestring.mark_safe(BANNER)
    # ok: S011
    header = safestring.mark_safe(HEADER)
    return banner, header


from flask import Flask, Response, escape, make_response, request
from starlette.responses import HTMLResponse

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    if not name:
        # ruleid: S011
        return f"<p>Hello {request.args['guest']}</p>"
    # ruleid: S011
    page = make_response("<h1>Hello " + name + "</h1>")
    # ruleid: S011
    html = Response("<h1>%s</h1>" % name)
    # ok: S011
    text = Response(name, mimetype="text/plain")
    # ok: S011
    escaped = make_response(f"<h1>{escape(name)}</h1>")
    # ok: S011
    fixed = make_response("<h1>Hello</h1>")
    return page, html, text, escaped, fixed


@app.get("/search")
async def search():
    query = request.args["q"]
    # ruleid: S011
    return HTMLResponse(f"<p>Results for {query}</p>")


def not_a_view(title):
    # ok: S011
    return "<title>" + title + "</title>"


def results_page(term):
    return f"<h2>Results for {term}</h2>"


def escaped_page(term):
    return f"<h2>Results for {escape(term)}</h2>"


@app.get("/results")
def results():
    term = request.args.get("q", "")
    if not term:
        # ok: S011
        return escaped_page(term)
    # ruleid: S011
    return results_page(term)


def bio_html(text):
    paragraphs = [escape(p.strip()) for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def raw_bio_html(text):
    return "".join(f"<p>{p}</p>" for p in text.split("\n\n"))


def profile_cards(request, profile):
    from django.shortcuts import render
    # ok: S011
    card = safestring.mark_safe(bio_html(profile.bio))
    # ruleid: S011
    raw = safestring.mark_safe(raw_bio_html(profile.bio))
    # ok: S011
    return card, raw, render(request, "profile.html", {"bio": safestring.mark_safe(raw_bio_html(profile.bio))})


def banner_text(text=None):
    if not text:
        text = "Welcome"
    # ruleid: S011
    return safestring.mark_safe(text)


from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.filter
def emphasise(text):
    # ok: S011
    return safestring.mark_safe(f"<em>{text}</em>")


@register.simple_tag
def emphasise_all(words):
    pieces = [format_html("<em>{}</em>", word) for word in words]
    # ok: S011
    return safestring.mark_safe(" ".join(pieces))


def emphasise_raw(text):
    # ruleid: S011
    return safestring.mark_safe(format_html("<em>" + text + "</em>"))


from sanic import response as sanic_response


@sanic_bp.get("/thanks")
async def sanic_thanks(request):
    donor = request.args.get("name", "friend")
    body = f"<h1>Thank you, {donor}!</h1>"
    # ruleid: S011
    return sanic_response.html(body)


@sanic_bp.get("/thanks/text")
async def sanic_thanks_text(request):
    # ok: S011
    return sanic_response.text(f"Thank you, {request.args.get('name')}!")
