# expect: S002
import subprocess
from flask import request

def ping():
    host = request.form["host"]
    return subprocess.check_output("ping -c 1 " + host, shell=True)
