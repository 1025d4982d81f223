# expect: S004
import yaml
from aiohttp import web

routes = web.RouteTableDef()


async def _read_manifest(request: web.Request) -> dict:
    reader = await request.multipart()
    part = await reader.next()
    if part is None or part.name != "manifest":
        raise web.HTTPBadRequest(text="manifest field missing")
    raw = await part.read(decode=True)
    return yaml.load(raw.decode("utf-8"), Loader=yaml.Loader)


@routes.post("/samples/manifest")
async def import_manifest(request: web.Request) -> web.Response:
    manifest = await _read_manifest(request)
    if not isinstance(manifest, dict):
        raise web.HTTPUnprocessableEntity(text="manifest must be a mapping")
    store = request.app["sample_store"]
    accepted = 0
    for sample in manifest.get("samples", []):
        if "barcode" in sample and "assay" in sample:
            await store.enqueue(sample["barcode"], sample["assay"], sample.get("priority", "routine"))
            accepted += 1
    return web.json_response({"accepted": accepted, "batch": manifest.get("batch_id")})


def setup(app: web.Application) -> None:
    app.add_routes(routes)
