# expect: S011
from sanic import Blueprint, response

bp = Blueprint("campaigns", url_prefix="/campaigns")


def _format_amount(raw) -> str:
    try:
        return f"${float(raw):,.2f}"
    except (TypeError, ValueError):
        return "Your gift"


@bp.get("/<slug:slug>/thanks")
async def thanks(request, slug):
    campaign = await request.app.ctx.campaigns.get(slug)
    if campaign is None:
        return response.text("Campaign not found", status=404)
    donor = request.args.get("name", "friend")
    amount = _format_amount(request.args.get("amount"))
    body = f"""<!doctype html>
<html>
  <head><title>Thank you</title></head>
  <body>
    <h1>Thank you, {donor}!</h1>
    <p>{amount} toward our {campaign.year} appeal makes a real difference.</p>
    <a href="/campaigns/{slug}">Back to the campaign</a>
  </body>
</html>"""
    return response.html(body)
