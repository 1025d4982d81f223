# expect: safe
from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

MAX_TERM_LENGTH = 60


def _normalise(term: str) -> str:
    return " ".join(term.split())[:MAX_TERM_LENGTH]


@register.simple_tag(takes_context=True)
def highlight(context, text):
    """Wrap occurrences of the current search term in <mark> for the results list."""
    request = context.get("request")
    term = _normalise(request.GET.get("q", "")) if request else ""
    text = str(text)
    if not term:
        return conditional_escape(text)
    marked = format_html('<mark class="hit">{}</mark>', term)
    pieces = [conditional_escape(piece) for piece in text.split(term)]
    return mark_safe(marked.join(pieces))


@register.filter
def result_count(count):
    count = int(count)
    if count == 0:
        return "No matches"
    return f"{count} match" if count == 1 else f"{count} matches"
