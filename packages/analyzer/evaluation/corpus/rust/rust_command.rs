// expect: S002
use std::process::Command;

fn run(user_cmd: String) {
    Command::new(user_cmd).status().unwrap();
}
