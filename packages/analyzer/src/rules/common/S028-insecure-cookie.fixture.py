from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login")
def login(session_id, options, jar, parsed_cookie):
    response = make_response("ok")
    # ruleid: S028
    response.set_cookie("session", session_id)
    # ruleid: S028
    response.set_cookie("session", session_id, secure=True)
    # ruleid: S028
    response.set_cookie("session", session_id, secure=False, httponly=True)
    # ok: S028
    response.set_cookie("session", session_id, secure=True, httponly=True, samesite="Lax")
    # ok: S028
    response.set_cookie("theme", "dark", **options)
    # ok: S028
    jar.set_cookie(parsed_cookie)
    return response
