# expect: safe
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from grants.models import Disbursement


@login_required
@require_POST
def release_disbursement(request, pk):
    if not request.user.has_perm("grants.release_disbursement"):
        raise PermissionDenied("release permission required")
    with transaction.atomic():
        disbursement = get_object_or_404(Disbursement.objects.select_for_update(), pk=pk)
        if disbursement.status != Disbursement.APPROVED:
            return JsonResponse({"error": "disbursement is not approved"}, status=409)
        if disbursement.approved_by_id == request.user.pk:
            return JsonResponse({"error": "approver cannot also release"}, status=409)
        disbursement.status = Disbursement.RELEASED
        disbursement.released_by = request.user
        disbursement.save(update_fields=["status", "released_by"])
    return JsonResponse({"id": disbursement.pk, "status": disbursement.status, "amount": str(disbursement.amount)})
