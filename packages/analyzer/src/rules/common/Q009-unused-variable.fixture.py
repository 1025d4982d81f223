def compute(values):
    # ruleid: Q009
    unused = len(values)
    # ok: Q009
    total = sum(values)
    # ok: Q009
    _ignored = max(values)
    return total
