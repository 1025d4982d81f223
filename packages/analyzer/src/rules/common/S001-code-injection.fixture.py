import json


def process(data):
    # ruleid: S001
    eval(data)
    # ruleid: S001
    exec("print(" + data + ")")
    # ok: S001
    eval("1 + 2")
    # ok: S001
    json.loads(data)
    # nosec S001
    eval(data)  # nosec S001
