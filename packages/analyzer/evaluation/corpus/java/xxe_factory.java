// expect: S015
import javax.xml.parsers.DocumentBuilderFactory;

class XmlReader {
    org.w3c.dom.Document parse(java.io.InputStream in) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
}
