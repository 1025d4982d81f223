# expect: S008
import random
import string
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.http import JsonResponse
from django.utils import timezone
from django.views import View

from claims.models import LoginLink, Policyholder

ALPHABET = string.ascii_letters + string.digits


def make_link_token(length: int = 40) -> str:
    return "".join(random.choices(ALPHABET, k=length))


class MagicLinkRequestView(View):
    http_method_names = ["post"]

    def post(self, request):
        email = request.POST.get("email", "").strip().lower()
        holder = Policyholder.objects.filter(email__iexact=email, active=True).first()
        if holder is not None:
            token = make_link_token()
            LoginLink.objects.create(
                holder=holder, token=token, expires_at=timezone.now() + timedelta(minutes=15)
            )
            send_mail(
                "Your claims portal sign-in link",
                f"Sign in here within 15 minutes: {settings.PORTAL_BASE_URL}/login/{token}",
                None,
                [holder.email],
            )
        return JsonResponse({"status": "If that address is registered, a link is on its way."})
