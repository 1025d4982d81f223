# expect: safe
import asyncio
import re

from aiohttp import web

DIG_TIMEOUT = 5
RECORD_TYPES = {"A", "AAAA", "MX", "TXT", "NS", "CNAME"}
_LABEL = re.compile(r"[a-z0-9-]{1,63}")


def normalise_domain(raw: str):
    domain = raw.strip().rstrip(".").lower()
    if not domain or len(domain) > 253:
        return None
    labels = domain.split(".")
    for label in labels:
        if not _LABEL.fullmatch(label) or label.startswith("-") or label.endswith("-"):
            return None
    return domain if len(labels) >= 2 else None


async def run_dig(domain: str, record_type: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        "dig", "+short", record_type, domain,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=DIG_TIMEOUT)
    return out.decode(errors="replace")


async def lookup(request: web.Request) -> web.Response:
    params = request.rel_url.query
    record_type = params.get("type", "A").upper()
    if record_type not in RECORD_TYPES:
        return web.json_response({"error": "unsupported record type"}, status=400)

    domain = normalise_domain(params.get("domain", ""))
    if domain is None:
        return web.json_response({"error": "invalid domain"}, status=400)

    try:
        answer = await run_dig(domain, record_type)
    except asyncio.TimeoutError:
        return web.json_response({"error": "lookup timed out"}, status=504)
    return web.json_response({"domain": domain, "type": record_type, "answers": answer.split()})


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/tools/dns", lookup)
    return app
