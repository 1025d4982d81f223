# expect: safe
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .models import CertificationEvent, Precinct


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def certify_precinct(request, precinct_id):
    precinct = get_object_or_404(Precinct.objects.select_related("county"), pk=precinct_id)
    if not request.user.has_perm("elections.certify_precinct", precinct.county):
        raise PermissionDenied("only county canvassers may certify")

    if precinct.certified_at is not None:
        return Response({"detail": "precinct already certified"}, status=409)

    with transaction.atomic():
        precinct.certified_at = timezone.now()
        precinct.certified_by = request.user
        precinct.save(update_fields=["certified_at", "certified_by"])
        CertificationEvent.objects.create(
            precinct=precinct,
            actor=request.user,
            totals=precinct.tally_snapshot(),
        )

    return Response(
        {"precinct": precinct.code, "certified_at": precinct.certified_at.isoformat()}
    )
