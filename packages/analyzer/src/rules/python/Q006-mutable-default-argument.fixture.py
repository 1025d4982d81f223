# ruleid: Q006
def append(item, items=[]):
    items.append(item)
    return items


# ok: Q006
def append_safe(item, items=None):
    items = items if items is not None else []
    items.append(item)
    return items
