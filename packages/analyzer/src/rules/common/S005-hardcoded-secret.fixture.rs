fn connect() -> String {
    // ruleid: S005
    let password = "hunter22";
    // ok: S005
    let compass = "northeast";
    let config = Config {
        // ruleid: S005
        password: "letmein1",
        // ok: S005
        host: "db.internal",
    };
    format!("{}{}{}", password, compass, config.host)
}
