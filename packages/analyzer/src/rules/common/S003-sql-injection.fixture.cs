class Repo {
    void Find(string id) {
        // ruleid: S003
        var cmd = new SqlCommand("SELECT * FROM users WHERE id = " + id, conn);
        // ok: S003
        var safe = new SqlCommand("SELECT * FROM users WHERE id = @id", conn);
    }
}
