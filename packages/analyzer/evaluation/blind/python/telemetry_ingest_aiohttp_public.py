# expect: S017
import json
import logging
import os

from aiohttp import web

log = logging.getLogger("telemetry")
PORT = int(os.environ.get("TELEMETRY_PORT", "8089"))
MAX_BATCH = 500


async def ingest(request: web.Request) -> web.Response:
    try:
        batch = await request.json()
    except json.JSONDecodeError:
        return web.json_response({"error": "invalid json"}, status=400)
    if not isinstance(batch, list) or len(batch) > MAX_BATCH:
        return web.json_response({"error": "expected a list of at most 500 readings"}, status=400)

    queue = request.app["queue"]
    accepted = 0
    for reading in batch:
        if isinstance(reading, dict) and {"device", "metric", "value"} <= reading.keys():
            await queue.put(reading)
            accepted += 1
    return web.json_response({"accepted": accepted}, status=202)


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def build_app(queue) -> web.Application:
    app = web.Application(client_max_size=1024 * 1024)
    app["queue"] = queue
    app.add_routes([web.post("/v1/readings", ingest), web.get("/healthz", healthz)])
    return app


if __name__ == "__main__":
    import asyncio

    logging.basicConfig(level=logging.INFO)
    web.run_app(build_app(asyncio.Queue(maxsize=10000)), host="0.0.0.0", port=PORT)
