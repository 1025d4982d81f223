# expect: S013
from django.contrib.auth import authenticate, login
from django.http import HttpResponseRedirect
from django.shortcuts import render


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
    return HttpResponseRedirect(destination)
