# expect: S012
import os

from starlette.applications import Starlette
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Route

REPORT_ROOT = os.environ.get("CROP_REPORT_ROOT", "/srv/agronomy/reports")


async def list_reports(request):
    folder = os.path.join(REPORT_ROOT, "current")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".pdf"))
    return JSONResponse({"reports": names})


async def download_report(request):
    name = request.query_params.get("file")
    if not name:
        return JSONResponse({"error": "file is required"}, status_code=400)
    full_path = os.path.join(REPORT_ROOT, "current", name)
    if not os.path.isfile(full_path):
        return JSONResponse({"error": "not found"}, status_code=404)
    return FileResponse(full_path, filename=os.path.basename(full_path))


app = Starlette(
    routes=[
        Route("/reports", list_reports),
        Route("/reports/download", download_report),
    ]
)
