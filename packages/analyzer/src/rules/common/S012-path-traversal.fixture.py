import os

from flask import request, send_file
from werkzeug.utils import secure_filename


def download():
    name = request.args.get("file")
    # ruleid: S012
    return send_file(os.path.join("/srv/files", name))


def upload():
    # ruleid: S012
    with open("/srv/uploads/" + request.form["name"], "wb") as handle:
        handle.write(request.data)


def safe_download():
    # ok: S012
    return send_file(os.path.join("/srv/files", secure_filename(request.args["file"])))


def static_file():
    # ok: S012
    return open("/srv/files/readme.txt").read()
