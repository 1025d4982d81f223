import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

class LoginServlet {
    void login(HttpServletRequest request) {
        HttpSession session = request.getSession();
        // ruleid: S032
        session.setAttribute("user", request.getParameter("user"));
        // ok: S032
        session.setAttribute("loggedIn", Boolean.TRUE);
    }
}
