# expect: S012
import os
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import FileResponse

from .auth import current_patron

EBOOK_ROOT = Path(os.environ.get("EBOOK_ROOT", "/srv/library/ebooks"))
MEDIA_TYPES = {".epub": "application/epub+zip", ".pdf": "application/pdf"}

router = APIRouter(prefix="/loans")


@router.get("/{loan_id}/download")
async def download_loan_file(
    loan_id: int,
    file: str = Query(..., min_length=1, max_length=200),
    patron=Depends(current_patron),
):
    loan = await patron.active_loan(loan_id)
    if loan is None:
        raise HTTPException(status_code=404, detail="loan not found or expired")

    target = EBOOK_ROOT / loan.isbn / file
    if not target.is_file():
        raise HTTPException(status_code=404, detail="file not found")

    await patron.record_download(loan_id, target.name)
    return FileResponse(
        target,
        media_type=MEDIA_TYPES.get(target.suffix.lower(), "application/octet-stream"),
        filename=target.name,
    )
