# ruleid: Q010
def render(list):
    # ruleid: Q010
    id = 3
    # ok: Q010
    identifier = 4
    return list, id, identifier


class Thing:
    # ok: Q010
    def format(self):
        return "thing"
