# expect: S018
from flask import Flask, jsonify
from flask_login import current_user, login_required

from audit import record
from cache import purge_namespace

app = Flask(__name__)
STAFF_ROLES = ("admin", "ops")


def require_staff(user):
    assert user.is_authenticated and user.role in STAFF_ROLES, "forbidden"


@app.post("/admin/cache/<namespace>/purge")
@login_required
def purge_cache(namespace):
    require_staff(current_user)
    removed = purge_namespace(namespace)
    record(current_user.id, "cache.purge", namespace=namespace, removed=removed)
    return jsonify({"namespace": namespace, "removed": removed})
