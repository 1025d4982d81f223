package main

import "os/exec"

func run(name string) {
	// ruleid: S002
	exec.Command("sh", "-c", "ls "+name).Run()
	// ok: S002
	exec.Command("ls", "-l", name).Run()
}
