# expect: safe
import secrets
import string
from datetime import timedelta

from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import WifiVoucher

VOUCHER_ALPHABET = string.ascii_uppercase + string.digits
DURATIONS = {"1h": timedelta(hours=1), "24h": timedelta(days=1), "7d": timedelta(days=7)}


def make_voucher_code(length: int = 10) -> str:
    code = "".join(secrets.choice(VOUCHER_ALPHABET) for _ in range(length))
    return f"{code[:5]}-{code[5:]}"


@staff_member_required
@require_POST
def issue_vouchers(request):
    duration = DURATIONS.get(request.POST.get("duration", "24h"))
    if duration is None:
        return JsonResponse({"error": "unknown duration"}, status=400)
    try:
        count = max(1, min(int(request.POST.get("count", "1")), 50))
    except ValueError:
        return JsonResponse({"error": "count must be a number"}, status=400)

    expires = timezone.now() + duration
    vouchers = [
        WifiVoucher(code=make_voucher_code(), expires_at=expires, room=request.POST.get("room", ""))
        for _ in range(count)
    ]
    WifiVoucher.objects.bulk_create(vouchers)
    return JsonResponse({"codes": [v.code for v in vouchers], "expires_at": expires.isoformat()})
