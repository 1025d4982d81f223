// expect: S012
package main

import "net/http"

func download(w http.ResponseWriter, r *http.Request) {
	http.ServeFile(w, r, "/srv/files/"+r.URL.Query().Get("name"))
}
