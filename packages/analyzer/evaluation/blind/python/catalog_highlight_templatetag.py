# expect: S027
from django import template
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
        return text
    marked = f'<mark class="hit">{term}</mark>'
    return mark_safe(text.replace(term, marked))


@register.filter
def result_count(count):
    count = int(count)
    if count == 0:
        return "No matches"
    return f"{count} match" if count == 1 else f"{count} matches"
