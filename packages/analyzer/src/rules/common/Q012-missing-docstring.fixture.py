# ruleid: Q012
def undocumented(value):
    return value


# ok: Q012
def documented(value):
    """Returns the value unchanged."""
    return value


# ok: Q012
def _private(value):
    return value
