class Credentials {
    // ruleid: S005
    private String password = "hunter22";
    // ok: S005
    private String passwordPrompt = "Enter your password";

    void configure(DataSource source) {
        // ruleid: S005
        source.setPassword("letmein1");
        // ok: S005
        source.setUser("admin");
    }
}
