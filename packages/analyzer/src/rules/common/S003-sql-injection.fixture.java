class Repo {
    void find(java.sql.Statement st, java.sql.Connection conn, String id) throws Exception {
        // ruleid: S003
        st.executeQuery("SELECT * FROM users WHERE id = " + id);
        // ok: S003
        conn.prepareStatement("SELECT * FROM users WHERE id = ?");
    }
}
