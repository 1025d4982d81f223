// expect: S003
package main

import (
	"database/sql"
	"fmt"
)

func find(db *sql.DB, name string) (*sql.Rows, error) {
	return db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name))
}
