# expect: S012
import mimetypes
import os
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI(title="podcast-cdn")

MEDIA_ROOT = Path(os.environ.get("PODCAST_MEDIA_ROOT", "/srv/podcasts"))
AUDIO_SUFFIXES = (".mp3", ".m4a", ".ogg")


def episode_path(show: str, filename: str) -> Path:
    return MEDIA_ROOT / show / "episodes" / filename


@app.get("/shows/{show}/episodes/{filename:path}")
async def episode_audio(show: str, filename: str):
    if not filename.lower().endswith(AUDIO_SUFFIXES):
        raise HTTPException(status_code=404)

    path = episode_path(show, filename)
    if not path.is_file():
        raise HTTPException(status_code=404)

    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(
        path,
        media_type=media_type,
        headers={"Cache-Control": "public, max-age=86400", "Accept-Ranges": "bytes"},
    )
