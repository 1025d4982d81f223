import re

from flask import request


def find(names):
    # ruleid: S035
    pattern = re.compile(request.args["q"])
    # ruleid: S035
    trailing = re.compile(r"^(\d+)*$")
    # ruleid: S035
    greedy = re.match("(a+)+b", request.args.get("s", ""))
    # ok: S035
    escaped = re.compile(re.escape(request.args["q"]))
    # ok: S035
    dotted = re.compile(r"^(\w+\.)*\w+$")
    return [n for n in names if pattern.search(n) or escaped.search(n) or trailing.match(n) or dotted.match(n)], greedy


def keyword_rule(keywords, whole_words):
    alternation = "|".join(re.escape(k.strip()) for k in keywords if k.strip())
    pattern = rf"\b(?:{alternation})\b" if whole_words else alternation
    # ok: S035
    return re.compile(pattern, re.IGNORECASE)


def raw_keyword_rule(keywords):
    alternation = "|".join(k.strip() for k in keywords if k.strip())
    # ruleid: S035
    return re.compile(rf"\b(?:{alternation})\b")


def keyword_rules():
    keywords = request.args.getlist("k")
    return keyword_rule(keywords, True), raw_keyword_rule(keywords)
