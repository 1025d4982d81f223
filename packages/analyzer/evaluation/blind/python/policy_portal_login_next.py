# expect: S013
from django.contrib.auth import login
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.views import View


class PolicyholderLoginView(View):
    template_name = "portal/login.html"
    default_destination = "/policies/"

    def get_destination(self):
        return self.request.POST.get("next") or self.request.GET.get("next") or self.default_destination

    def get(self, request):
        form = AuthenticationForm(request)
        return render(request, self.template_name, {"form": form, "next": request.GET.get("next", "")})

    def post(self, request):
        form = AuthenticationForm(request, data=request.POST)
        if not form.is_valid():
            context = {"form": form, "next": request.POST.get("next", "")}
            return render(request, self.template_name, context, status=400)
        login(request, form.get_user())
        return redirect(self.get_destination())
