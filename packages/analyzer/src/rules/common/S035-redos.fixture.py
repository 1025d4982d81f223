import re

from flask import request


def find(names):
    # ruleid: S035
    pattern = re.compile(request.args["q"])
    # ruleid: S035
    trailing = re.compile(r"^(\d+)*$")
    # ruleid: S035
    greedy = re.match("(a+)+b", request.args.get("s", ""))
    # ok: S035
    escaped = re.compile(re.escape(request.args["q"]))
    # ok: S035
    dotted = re.compile(r"^(\w+\.)*\w+$")
    return [n for n in names if pattern.search(n) or escaped.search(n) or trailing.match(n) or dotted.match(n)], greedy
