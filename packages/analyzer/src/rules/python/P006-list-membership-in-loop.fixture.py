def common(a, b):
    seen = [x for x in a]
    allowed = set(b)
    out = []
    for item in b:
        # ruleid: P006
        if item in seen:
            out.append(item)
        # ok: P006
        if item in allowed:
            out.append(item)
    return out
