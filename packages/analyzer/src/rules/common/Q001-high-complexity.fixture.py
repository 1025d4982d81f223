# ruleid: Q001
def classify(a, b, c):
    if a and b:
        return 1
    elif a or c:
        return 2
    for item in b:
        if item > 3 and item < 10:
            continue
        while c:
            c -= 1
    try:
        return a / c
    except ZeroDivisionError:
        return 0
    except ValueError:
        return -1
    return 3 if a else 4


# ok: Q001
def simple(a):
    if a:
        return 1
    return 0
