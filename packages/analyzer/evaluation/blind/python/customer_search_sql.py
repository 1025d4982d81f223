# expect: S003
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET


def _search_customers(term, limit):
    sql = (
        "SELECT id, name, email FROM crm_customer "
        "WHERE name ILIKE '%%" + term + "%%' ORDER BY name LIMIT %s"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [limit])
        return cur.fetchall()


@require_GET
def customer_search(request):
    term = request.GET.get("q", "").strip()
    limit = min(int(request.GET.get("limit", 25)), 100)
    rows = _search_customers(term, limit)
    return JsonResponse(
        {"results": [{"id": r[0], "name": r[1], "email": r[2]} for r in rows]}
    )
