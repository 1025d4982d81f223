# expect: S035
import re

from fastapi import FastAPI, Query

app = FastAPI()
LOG_FILE = "/var/log/app/service.log"


def grep_log(pattern, max_hits=200):
    matcher = re.compile(pattern, re.IGNORECASE)
    hits = []
    with open(LOG_FILE, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if matcher.search(line):
                hits.append(line.rstrip())
                if len(hits) >= max_hits:
                    break
    return hits


@app.get("/admin/logs/search")
def search_logs(q: str = Query(..., min_length=2)):
    return {"matches": grep_log(q)}
