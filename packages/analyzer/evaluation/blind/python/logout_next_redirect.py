# expect: S013
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_protect


@method_decorator(csrf_protect, name="dispatch")
class SignOutView(View):
    default_target = "/"

    def get_target(self, request):
        return (
            request.POST.get("next")
            or request.GET.get("next")
            or self.default_target
        )

    def post(self, request):
        target = self.get_target(request)
        logout(request)
        return redirect(target)
