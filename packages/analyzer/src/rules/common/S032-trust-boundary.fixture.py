from flask import request, session

LANGUAGES = {"en", "de"}


def login(users):
    username = request.form["username"]
    # ruleid: S032
    session["username"] = username
    # ruleid: S032
    session.update(role=request.args.get("role"))
    user = users.authenticate(username, request.form["password"])
    # ok: S032
    session["user_id"] = user.id
    # ok: S032
    session["page_size"] = int(request.args.get("size", 20))
    theme = request.args.get("theme")
    # ok: S032
    session["theme"] = theme if theme in ("light", "dark") else "light"
    language = request.args.get("lang", "en")
    if language not in LANGUAGES:
        return None
    # ok: S032
    session["lang"] = language
    return user


def django_view(request):
    # ruleid: S032
    request.session["cart"] = request.POST["cart"]
    # ok: S032
    request.session["visits"] = request.session.get("visits", 0) + 1
