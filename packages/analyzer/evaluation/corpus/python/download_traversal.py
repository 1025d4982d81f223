# expect: S012
from flask import request, send_file

def download():
    filename = request.args.get("name")
    return send_file("/var/data/" + filename)
