# expect: S035
import re
from typing import List

from fastapi import APIRouter
from pydantic import BaseModel, Field

router = APIRouter(prefix="/alerts")


class KeywordRuleTest(BaseModel):
    keywords: List[str] = Field(..., min_items=1, max_items=20)
    sample_tickets: List[str] = Field(..., max_items=50)
    whole_words: bool = True


def compile_rule(keywords: List[str], whole_words: bool) -> re.Pattern:
    alternation = "|".join(k.strip() for k in keywords if k.strip())
    pattern = rf"\b(?:{alternation})\b" if whole_words else alternation
    return re.compile(pattern, re.IGNORECASE)


def matches(rule: re.Pattern, tickets: List[str]) -> List[dict]:
    hits = []
    for index, body in enumerate(tickets):
        found = sorted({m.group(0).lower() for m in rule.finditer(body)})
        if found:
            hits.append({"ticket": index, "keywords": found})
    return hits


@router.post("/keyword-rules/test")
async def test_keyword_rule(body: KeywordRuleTest):
    rule = compile_rule(body.keywords, body.whole_words)
    hits = matches(rule, body.sample_tickets)
    return {"matched": len(hits), "total": len(body.sample_tickets), "hits": hits}
