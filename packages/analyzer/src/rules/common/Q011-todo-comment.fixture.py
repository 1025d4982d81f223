# ruleid: Q011
# TODO: handle unicode input
# ok: Q011
# Converts input to upper case.
def shout(text):
    return text.upper()
