package main

// ruleid: Q011
// FIXME handle errors

// ok: Q011
// Run starts the server.
func Run() {}
