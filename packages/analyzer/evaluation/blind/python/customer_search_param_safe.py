# expect: safe
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

SORTABLE = {"name", "email", "created_at"}


def _search_customers(term, sort, limit):
    order_by = sort if sort in SORTABLE else "name"
    sql = (
        f"SELECT id, name, email FROM crm_customer "
        f"WHERE name ILIKE %s ORDER BY {order_by} LIMIT %s"
    )
    with connection.cursor() as cur:
        cur.execute(sql, ["%" + term + "%", limit])
        return cur.fetchall()


@require_GET
def customer_search(request):
    term = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "name")
    limit = min(int(request.GET.get("limit", 25)), 100)
    rows = _search_customers(term, sort, limit)
    return JsonResponse(
        {"results": [{"id": r[0], "name": r[1], "email": r[2]} for r in rows]}
    )
