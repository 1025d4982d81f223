# expect: S020
import argparse
import json
import sys
import urllib.request


def load_feed(source):
    with urllib.request.urlopen(source, timeout=30) as resp:
        return json.load(resp)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Import a product feed into staging")
    parser.add_argument("source", help="feed location")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)

    items = load_feed(args.source).get("items", [])
    if args.limit:
        items = items[: args.limit]
    for item in items:
        sys.stdout.write(json.dumps({"sku": item["sku"], "price": item["price"]}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
