package main

import "net/http"

func proxy(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: S014
	resp, _ := http.Get(target)
	// ok: S014
	health, _ := http.Get("https://status.example.com/health")
	_, _ = resp, health
}
