// expect: safe
package main

import (
	"crypto/rand"
	"database/sql"
	"os/exec"
)

func find(db *sql.DB, name string) (*sql.Rows, error) {
	return db.Query("SELECT * FROM users WHERE name = $1", name)
}

func token() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	return b
}

func gitLog(ref string) ([]byte, error) {
	return exec.Command("git", "log", ref).Output()
}
