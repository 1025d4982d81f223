# expect: S013
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from .models import ParkingSession
from .payments import charge_session

DEFAULT_RETURN = "/sessions/"


@login_required
@require_http_methods(["GET", "POST"])
def pay_session(request, session_id):
    parking = get_object_or_404(ParkingSession, pk=session_id, driver=request.user)
    return_to = request.POST.get("return_to") or request.GET.get("return_to") or DEFAULT_RETURN
    context = {"parking": parking, "return_to": return_to}

    if request.method == "GET":
        return render(request, "parking/pay.html", context)

    receipt = charge_session(parking, request.POST.get("payment_method", ""))
    if not receipt.ok:
        context["error"] = receipt.message
        return render(request, "parking/pay.html", context, status=402)

    parking.mark_paid(receipt)
    return redirect(return_to)
