class Loader {
    void load() {
        try {
            run();
        // ruleid: Q005
        } catch (Exception e) {
        }
    }
    void run() {}
}
// ok: Q005
class Other {}
