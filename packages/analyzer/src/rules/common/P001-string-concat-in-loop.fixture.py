def render(rows):
    html = ""
    total = 0
    for row in rows:
        # ruleid: P001
        html += "<tr>" + str(row) + "</tr>"
        # ok: P001
        total += row
    parts = []
    for row in rows:
        # ok: P001
        parts.append(str(row))
    return html, total, "".join(parts)
