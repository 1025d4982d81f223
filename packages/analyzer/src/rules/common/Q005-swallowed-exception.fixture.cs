class Loader {
    void Load() {
        try {
            Run();
        // ruleid: Q005
        } catch (Exception e) {
        }
        try {
            Run();
        // ok: Q005
        } catch (IOException e) {
            Log(e);
        }
    }
}
