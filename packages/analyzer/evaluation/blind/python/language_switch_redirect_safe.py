# expect: safe
from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

SUPPORTED = dict(settings.LANGUAGES)


def _return_url(request) -> str:
    candidate = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return "/"


@require_POST
def switch_language(request):
    lang = request.POST.get("language", "")
    response = HttpResponseRedirect(_return_url(request))
    if lang in SUPPORTED:
        translation.activate(lang)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            lang,
            max_age=365 * 24 * 3600,
            secure=True,
            httponly=True,
            samesite="Lax",
        )
    return response
