fn connect() -> String {
    // ruleid: S005
    let password = "hunter22";
    // ok: S005
    let compass = "northeast";
    format!("{}{}", password, compass)
}
