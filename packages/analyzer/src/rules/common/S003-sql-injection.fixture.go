package main

import (
	"database/sql"
	"fmt"
)

func find(db *sql.DB, id string) {
	// ruleid: S003
	db.Query(fmt.Sprintf("SELECT * FROM users WHERE id = %s", id))
	// ok: S003
	db.Query("SELECT * FROM users WHERE id = $1", id)
}
