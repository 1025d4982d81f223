from flask import redirect, request


def login_done():
    # ruleid: S013
    return redirect(request.args.get("next"))


def logout():
    # ok: S013
    return redirect("/")
