# expect: safe
from flask import Flask, abort, jsonify
from flask_login import current_user, login_required

from audit import record
from cache import purge_namespace

app = Flask(__name__)
STAFF_ROLES = ("admin", "ops")


def require_staff(user):
    if not (user.is_authenticated and user.role in STAFF_ROLES):
        abort(403)


@app.post("/admin/cache/<namespace>/purge")
@login_required
def purge_cache(namespace):
    require_staff(current_user)
    removed = purge_namespace(namespace)
    assert removed >= 0, "purge_namespace returned a negative count"
    record(current_user.id, "cache.purge", namespace=namespace, removed=removed)
    return jsonify({"namespace": namespace, "removed": removed})
