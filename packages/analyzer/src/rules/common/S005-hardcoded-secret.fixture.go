package main

// ruleid: S005
const apiKey = "Zx9Qw8Er7Ty6Ui5Op4As"

// ok: S005
const apiURL = "https://api.example.com/v1"

func login() string {
	// ruleid: S005
	password := "hunter22"
	// ok: S005
	compass := "northeast"
	return password + compass
}
