// expect: S003
class Dao {
    java.sql.ResultSet find(java.sql.Connection c, String name) throws Exception {
        return c.createStatement().executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    }
}
