use std::process::Command;

fn run(program: String) {
    // ruleid: S002
    Command::new(program).status().unwrap();
    // ok: S002
    Command::new("git").arg("status").status().unwrap();
}
