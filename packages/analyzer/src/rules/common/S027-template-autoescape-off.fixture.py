import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape
from mako.lookup import TemplateLookup
from mako.template import Template


def environments(options):
    # ruleid: S027
    plain = Environment(loader=FileSystemLoader("templates"))
    # ruleid: S027
    unescaped = jinja2.Environment(autoescape=False)
    # ruleid: S027
    page = Template("<p>${name}</p>")
    # ruleid: S027
    lookup = TemplateLookup(directories=["templates"])
    escape = ""
    # ruleid: S027
    falsy = Environment(autoescape=escape)
    # ok: S027
    escaped = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
    # ok: S027
    forced = jinja2.Environment(autoescape=True)
    # ok: S027
    configured = Environment(**options)
    # ok: S027
    safe_page = Template("<p>${name}</p>", default_filters=["h"])
    return plain, unescaped, page, lookup, falsy, escaped, forced, configured, safe_page


from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe


def bio_html(text, escaped):
    paragraphs = [escape(p) if escaped else p for p in text.split("\n\n")]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def escaped_bio_html(text):
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))


def profile_detail(request, profile):
    # ruleid: S027
    context = {"profile": profile, "bio_html": mark_safe(bio_html(profile.bio, False))}
    # ok: S027
    context["safe_bio"] = mark_safe(escaped_bio_html(profile.bio))
    # ruleid: S027
    context["raw_bio"] = mark_safe(profile.bio)
    # ok: S027
    banner = mark_safe("<b>Welcome</b>")
    return render(request, "profiles/detail.html", context), banner


from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def highlight(context, text):
    term = context["request"].GET.get("q", "")
    # ruleid: S027
    return mark_safe(text.replace(term, f"<mark>{term}</mark>"))


@register.filter
def highlight_escaped(text, term):
    marked = format_html("<mark>{}</mark>", term)
    # ok: S027
    return mark_safe(marked.join(conditional_escape(piece) for piece in text.split(term)))


def plain_highlight(text, term):
    # ok: S027
    return mark_safe(text.replace(term, f"<mark>{term}</mark>"))
