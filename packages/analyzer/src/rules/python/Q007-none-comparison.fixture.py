def check(value):
    # ruleid: Q007
    if value == None:
        return 0
    # ruleid: Q007
    if value != None:
        return 1
    # ok: Q007
    if value is None:
        return 2
    return 3
