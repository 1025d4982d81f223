def walk(rows):
    for row in rows:
        if row:
            for cell in row:
                while cell:
                    # ruleid: Q004
                    if cell > 1:
                        cell -= 1
                    # ok: Q004
                    if cell > 2:
                        cell -= 2
    return rows
