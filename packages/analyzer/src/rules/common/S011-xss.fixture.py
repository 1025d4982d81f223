from markupsafe import Markup


def greet(name):
    # ruleid: S011
    return Markup("<b>" + name + "</b>")


def banner():
    # ok: S011
    return Markup("<b>Welcome</b>")
