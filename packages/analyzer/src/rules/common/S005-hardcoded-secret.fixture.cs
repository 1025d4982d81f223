class Credentials
{
    // ruleid: S005
    private string dbPassword = "hunter22";
    // ok: S005
    private string compass = "northeast";
}
