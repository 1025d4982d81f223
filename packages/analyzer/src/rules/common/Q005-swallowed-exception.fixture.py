def load(path):
    try:
        return open(path).read()
    # ruleid: Q005
    except:
        return None


def parse(text):
    try:
        return int(text)
    # ruleid: Q005
    except ValueError:
        pass
    try:
        return float(text)
    # ok: Q005
    except ValueError as error:
        raise RuntimeError("bad number") from error
