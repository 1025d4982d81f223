class Credentials {
    // ruleid: S005
    private String password = "hunter22";
    // ok: S005
    private String passwordPrompt = "Enter your password";
}
