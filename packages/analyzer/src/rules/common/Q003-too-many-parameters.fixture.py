# ruleid: Q003
def create(a, b, c, d, e, f):
    return a, b, c, d, e, f


class Service:
    # ok: Q003
    def update(self, a, b, c, d, e):
        return a, b, c, d, e
