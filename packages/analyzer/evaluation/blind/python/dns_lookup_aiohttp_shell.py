# expect: S002
import asyncio

from aiohttp import web

DIG_TIMEOUT = 5
RECORD_TYPES = {"A", "AAAA", "MX", "TXT", "NS", "CNAME"}


async def run_dig(domain: str, record_type: str) -> str:
    proc = await asyncio.create_subprocess_shell(
        f"dig +short {record_type} {domain}",
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

    domain = params.get("domain", "").strip().rstrip(".")
    if not domain:
        return web.json_response({"error": "domain is required"}, status=400)

    try:
        answer = await run_dig(domain, record_type)
    except asyncio.TimeoutError:
        return web.json_response({"error": "lookup timed out"}, status=504)
    return web.json_response({"domain": domain, "type": record_type, "answers": answer.split()})


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/tools/dns", lookup)
    return app
