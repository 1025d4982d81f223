// expect: S002
package main

import (
	"net/http"
	"os/exec"
)

func handler(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("sh", "-c", "git log "+r.URL.Query().Get("ref")).Output()
	w.Write(out)
}
