# expect: S020
import json
import sqlite3
from datetime import datetime, timezone
from urllib.request import Request, urlopen

import click

DEFAULT_SOURCE = "https://rates.ledgerhub.example/v1/latest"


def fetch_rates(source: str, base: str) -> dict:
    req = Request(f"{source}?base={base}", headers={"Accept": "application/json"})
    with urlopen(req, timeout=15) as resp:
        payload = json.load(resp)
    return {code: float(rate) for code, rate in payload["rates"].items()}


def store_rates(db_path: str, base: str, rates: dict) -> int:
    now = datetime.now(timezone.utc).isoformat()
    with sqlite3.connect(db_path) as conn:
        conn.executemany(
            "INSERT INTO fx_rates (base, quote, rate, fetched_at) VALUES (?, ?, ?, ?)",
            [(base, quote, rate, now) for quote, rate in rates.items()],
        )
    return len(rates)


@click.command()
@click.option("--source", default=DEFAULT_SOURCE, show_default=True, help="Rates endpoint URL.")
@click.option("--base", default="EUR", show_default=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default="ledger.db")
def refresh_rates(source: str, base: str, db_path: str) -> None:
    """Pull the latest FX rates into the ledger database."""
    rates = fetch_rates(source, base.upper())
    stored = store_rates(db_path, base.upper(), rates)
    click.echo(f"stored {stored} rates for {base.upper()}")


if __name__ == "__main__":
    refresh_rates()
