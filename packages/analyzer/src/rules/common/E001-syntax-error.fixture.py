# ok: E001
def ok():
    return 1


# ruleid: E001
def broken(:
    return 2
