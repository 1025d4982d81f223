// expect: S003
class Repo {
    object Find(SqlConnection conn, string name) {
        var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = '" + name + "'", conn);
        return cmd.ExecuteScalar();
    }
}
