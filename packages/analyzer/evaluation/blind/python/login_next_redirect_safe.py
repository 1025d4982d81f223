# expect: safe
from django.conf import settings
from django.contrib.auth import authenticate, login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def login_view(request):
    if request.method != "POST":
        return render(request, "accounts/login.html", {"next": request.GET.get("next", "/")})
    user = authenticate(
        request,
        username=request.POST.get("username"),
        password=request.POST.get("password"),
    )
    if user is None:
        return render(request, "accounts/login.html", {"error": "Invalid credentials"})
    login(request, user)
    destination = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        destination, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        destination = settings.LOGIN_REDIRECT_URL
    return HttpResponseRedirect(destination)
