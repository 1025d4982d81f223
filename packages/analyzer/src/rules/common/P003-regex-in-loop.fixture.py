import re

WORD = re.compile(r"\w+")


def count(lines, user_patterns):
    total = 0
    for line in lines:
        # ruleid: P003
        digits = re.compile(r"\d+")
        total += len(digits.findall(line)) + len(WORD.findall(line))
    # ok: P003
    compiled = [re.compile(p) for p in user_patterns]
    for pattern in user_patterns:
        # ok: P003
        total += len(re.compile(pattern).findall(""))
    return total, compiled
