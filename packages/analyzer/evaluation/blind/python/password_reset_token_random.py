# expect: S008
import random
import string
from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.http import JsonResponse

from accounts.models import PasswordReset, User

ALPHABET = string.ascii_letters + string.digits


def make_reset_token(length=40):
    return "".join(random.choice(ALPHABET) for _ in range(length))


def request_password_reset(request):
    email = request.POST.get("email", "").strip().lower()
    user = User.objects.filter(email=email).first()
    if user is not None:
        token = make_reset_token()
        PasswordReset.objects.create(
            user=user, token=token, expires=datetime.utcnow() + timedelta(hours=1)
        )
        send_mail(
            "Reset your password",
            f"https://app.example.com/reset/{token}",
            "no-reply@example.com",
            [user.email],
        )
    return JsonResponse({"status": "if the account exists, an email was sent"})
