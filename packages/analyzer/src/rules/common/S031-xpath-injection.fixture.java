import javax.servlet.http.HttpServletRequest;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

class UserLookup {
    Object find(HttpServletRequest request, Document doc) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        String name = request.getParameter("name");
        // ruleid: S031
        Object user = xpath.evaluate("//user[@name='" + name + "']", doc);
        // ok: S031
        Object all = xpath.evaluate("//user", doc);
        return user != null ? user : all;
    }
}
