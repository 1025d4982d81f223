// expect: safe
class Repo {
    object Find(SqlConnection conn, string name) {
        var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = @name", conn);
        cmd.Parameters.AddWithValue("@name", name);
        return cmd.ExecuteScalar();
    }
}
