class Poller {
    void waitReady(Job job) throws InterruptedException {
        while (!job.isReady()) {
            // ruleid: P005
            Thread.sleep(100);
        }
        // ok: P005
        Thread.sleep(10);
    }
}
