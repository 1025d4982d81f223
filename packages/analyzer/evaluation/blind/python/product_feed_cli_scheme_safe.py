# expect: safe
import argparse
import json
import sys
import urllib.request
from urllib.parse import urlsplit

ALLOWED_SCHEMES = {"http", "https"}


def load_feed(source):
    if urlsplit(source).scheme.lower() not in ALLOWED_SCHEMES:
        raise ValueError(f"unsupported feed location: {source!r}")
    with urllib.request.urlopen(source, timeout=30) as resp:
        return json.load(resp)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Import a product feed into staging")
    parser.add_argument("source", help="feed URL (http or https)")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)

    try:
        items = load_feed(args.source).get("items", [])
    except ValueError as exc:
        parser.error(str(exc))
    if args.limit:
        items = items[: args.limit]
    for item in items:
        sys.stdout.write(json.dumps({"sku": item["sku"], "price": item["price"]}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
