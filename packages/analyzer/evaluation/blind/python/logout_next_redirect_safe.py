# expect: safe
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.csrf import csrf_protect


@method_decorator(csrf_protect, name="dispatch")
class SignOutView(View):
    default_target = "/"

    def get_target(self, request):
        target = request.POST.get("next") or request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return target
        return self.default_target

    def post(self, request):
        target = self.get_target(request)
        logout(request)
        return redirect(target)
