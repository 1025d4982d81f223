# expect: safe
import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Route

REPORT_ROOT = Path(os.environ.get("CROP_REPORT_ROOT", "/srv/agronomy/reports")).resolve()
CURRENT_DIR = REPORT_ROOT / "current"


async def list_reports(request):
    names = sorted(p.name for p in CURRENT_DIR.iterdir() if p.suffix == ".pdf")
    return JSONResponse({"reports": names})


async def download_report(request):
    name = request.query_params.get("file")
    if not name:
        return JSONResponse({"error": "file is required"}, status_code=400)
    full_path = (CURRENT_DIR / name).resolve()
    if not full_path.is_relative_to(CURRENT_DIR) or not full_path.is_file():
        return JSONResponse({"error": "not found"}, status_code=404)
    return FileResponse(full_path, filename=full_path.name)


app = Starlette(
    routes=[
        Route("/reports", list_reports),
        Route("/reports/download", download_report),
    ]
)
