import tempfile


def scratch():
    # ruleid: S016
    name = tempfile.mktemp()
    # ruleid: S016
    log = open("/tmp/app.log", "w")
    # ok: S016
    handle = tempfile.NamedTemporaryFile()
    return name, log, handle
