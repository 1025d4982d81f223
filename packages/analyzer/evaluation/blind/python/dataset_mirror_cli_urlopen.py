# expect: S020
import csv
import hashlib
from pathlib import Path
from urllib.request import urlopen

import typer

app = typer.Typer(help="Mirror public datasets listed in a CSV manifest.")


def fetch(url: str, dest: Path, chunk: int = 1 << 16) -> str:
    digest = hashlib.sha256()
    with urlopen(url, timeout=60) as resp, dest.open("wb") as out:
        while block := resp.read(chunk):
            digest.update(block)
            out.write(block)
    return digest.hexdigest()


@app.command()
def mirror(manifest: Path, out_dir: Path = typer.Option(Path("./mirror"))):
    out_dir.mkdir(parents=True, exist_ok=True)
    with manifest.open(newline="") as fh:
        for row in csv.DictReader(fh):
            target = out_dir / Path(row["filename"]).name
            checksum = fetch(row["url"], target)
            if row.get("sha256") and row["sha256"].lower() != checksum:
                target.unlink()
                typer.echo(f"checksum mismatch for {target.name}", err=True)
                continue
            typer.echo(f"ok {target}")


if __name__ == "__main__":
    app()
