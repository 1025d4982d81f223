# expect: S004
import yaml
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from .models import CallSheet, Production

MAX_UPLOAD = 512 * 1024


@login_required
@require_POST
def import_callsheet(request, production_id):
    production = get_object_or_404(Production, pk=production_id, crew__user=request.user)
    upload = request.FILES.get("callsheet")
    if upload is None or upload.size > MAX_UPLOAD:
        return JsonResponse({"error": "missing or oversized file"}, status=400)

    document = yaml.load(upload.read().decode("utf-8"), Loader=yaml.Loader)
    if not isinstance(document, dict) or "date" not in document:
        return JsonResponse({"error": "call sheet must define a shoot date"}, status=422)

    sheet = CallSheet.objects.create(
        production=production,
        shoot_date=document["date"],
        location=str(document.get("location", "")),
        general_call=str(document.get("general_call", "07:00")),
    )
    for scene in document.get("scenes", []):
        sheet.scenes.create(
            number=str(scene["number"]),
            description=str(scene.get("description", "")),
            pages=float(scene.get("pages", 0)),
        )
    return JsonResponse({"id": sheet.pk, "scenes": sheet.scenes.count()}, status=201)
