fn clients() {
    // ruleid: S009
    let insecure = reqwest::Client::builder().danger_accept_invalid_certs(true).build();
    // ok: S009
    let secure = reqwest::Client::builder().danger_accept_invalid_certs(false).build();
}
