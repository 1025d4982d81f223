class Render {
    String render(int[] rows) {
        String out = "";
        int total = 0;
        for (int row : rows) {
            // ruleid: P001
            out += "<td>" + row + "</td>";
            // ok: P001
            total += row;
        }
        return out + total;
    }
}
