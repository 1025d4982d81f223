# expect: S010
import os

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from stations.store import StationStore

store = StationStore(os.environ["STATION_DB_URL"])


async def latest(request):
    station_id = request.path_params["station_id"]
    reading = await store.latest(station_id)
    if reading is None:
        return JSONResponse({"error": "unknown station"}, status_code=404)
    return JSONResponse(reading)


async def history(request):
    station_id = request.path_params["station_id"]
    hours = min(int(request.query_params.get("hours", "24")), 168)
    readings = await store.history(station_id, hours)
    return JSONResponse({"station": station_id, "hours": hours, "readings": readings})


app = Starlette(
    debug=True,
    routes=[
        Route("/stations/{station_id}/latest", latest),
        Route("/stations/{station_id}/history", history),
    ],
    on_startup=[store.connect],
    on_shutdown=[store.close],
)
