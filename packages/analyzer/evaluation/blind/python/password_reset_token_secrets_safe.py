# expect: safe
import random
import secrets
import time
from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.http import JsonResponse

from accounts.models import PasswordReset, User


def make_reset_token():
    return secrets.token_urlsafe(32)


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
    else:
        # small random delay so response timing does not reveal unknown emails
        time.sleep(random.uniform(0.05, 0.2))
    return JsonResponse({"status": "if the account exists, an email was sent"})
