import javax.xml.parsers.DocumentBuilderFactory;

class Parser {
    void parse() throws Exception {
        // ruleid: S015
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        // ok: S015
        String name = dbf.getClass().getName();
    }
}
