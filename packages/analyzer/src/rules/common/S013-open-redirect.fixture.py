from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme
from flask import redirect, request


def login_done():
    # ruleid: S013
    return redirect(request.args.get("next"))


def logout():
    # ok: S013
    return redirect("/")


def checked_next():
    destination = request.args.get("next") or "/"
    if not url_has_allowed_host_and_scheme(destination, allowed_hosts={request.host}):
        destination = settings.LOGIN_REDIRECT_URL
    # ok: S013
    return redirect(destination)


def unchecked_next():
    destination = request.args.get("next") or "/"
    if not destination.startswith("/"):
        destination = "/" + destination
    # ruleid: S013
    return redirect(destination)
