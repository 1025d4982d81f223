import tempfile


def scratch():
    # ruleid: S016
    name = tempfile.mktemp()
    # ruleid: S016
    log = open("/tmp/app.log", "w")
    # ok: S016
    handle = tempfile.NamedTemporaryFile()
    return name, log, handle


def export(account_id, rows):
    import os
    path = os.path.join("/tmp", f"export-{account_id}.csv")
    # ruleid: S016
    with open(path, "w") as out:
        out.writelines(rows)
    # ruleid: S016
    report = open(f"/tmp/report-{account_id}.txt", "w")
    workdir = tempfile.mkdtemp()
    # ok: S016
    private = open(os.path.join(workdir, "export.csv"), "w")
    return report, private
