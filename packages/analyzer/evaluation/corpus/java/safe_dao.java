// expect: safe
class Dao {
    java.sql.ResultSet find(java.sql.Connection c, String name) throws Exception {
        java.sql.PreparedStatement st = c.prepareStatement("SELECT * FROM users WHERE name = ?");
        st.setString(1, name);
        return st.executeQuery();
    }
    javax.crypto.Cipher cipher() throws Exception {
        return javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    }
}
