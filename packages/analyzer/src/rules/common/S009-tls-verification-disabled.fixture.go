package main

import "crypto/tls"

func config() (*tls.Config, *tls.Config) {
	// ruleid: S009
	insecure := &tls.Config{InsecureSkipVerify: true}
	// ok: S009
	secure := &tls.Config{MinVersion: tls.VersionTLS12}
	return insecure, secure
}
