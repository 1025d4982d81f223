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
