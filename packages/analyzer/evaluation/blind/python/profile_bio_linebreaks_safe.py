# expect: safe
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .forms import BioForm
from .models import Profile


def _bio_html(text):
    paragraphs = [escape(p.strip()) for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def profile_detail(request, username):
    profile = get_object_or_404(Profile, user__username=username)
    context = {"profile": profile, "bio_html": mark_safe(_bio_html(profile.bio))}
    return render(request, "profiles/detail.html", context)


@login_required
def edit_bio(request):
    profile = request.user.profile
    form = BioForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("profile-detail", username=request.user.username)
    return render(request, "profiles/edit_bio.html", {"form": form})
