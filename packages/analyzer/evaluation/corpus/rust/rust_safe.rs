// expect: safe
use std::process::Command;

fn status() {
    Command::new("git").arg("status").status().unwrap();
}
