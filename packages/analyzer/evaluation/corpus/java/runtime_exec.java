// expect: S002
class Thumbs {
    void make(javax.servlet.http.HttpServletRequest request) throws Exception {
        Runtime.getRuntime().exec("convert " + request.getParameter("file") + " thumb.png");
    }
}
