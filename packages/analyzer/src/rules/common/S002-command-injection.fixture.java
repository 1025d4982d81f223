class Runner {
    void run(String name) throws Exception {
        // ruleid: S002
        Runtime.getRuntime().exec("ls " + name);
        // ok: S002
        Runtime.getRuntime().exec("uptime");
    }
}
