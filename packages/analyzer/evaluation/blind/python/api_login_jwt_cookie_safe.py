# expect: safe
import datetime
import os

import jwt
from django.contrib.auth import authenticate
from django.http import JsonResponse
from django.views.decorators.http import require_POST

JWT_SIGNING_KEY = os.environ["JWT_SIGNING_KEY"]
TOKEN_HOURS = 8


def issue_token(user):
    now = datetime.datetime.now(datetime.timezone.utc)
    claims = {"sub": str(user.pk), "iat": now, "exp": now + datetime.timedelta(hours=TOKEN_HOURS)}
    return jwt.encode(claims, JWT_SIGNING_KEY, algorithm="HS256")


@require_POST
def api_login(request):
    user = authenticate(
        request,
        username=request.POST.get("username"),
        password=request.POST.get("password"),
    )
    if user is None:
        return JsonResponse({"error": "invalid credentials"}, status=401)
    response = JsonResponse({"username": user.get_username()})
    response.set_cookie(
        "access_token",
        issue_token(user),
        max_age=TOKEN_HOURS * 3600,
        secure=True,
        httponly=True,
        samesite="Strict",
    )
    return response
