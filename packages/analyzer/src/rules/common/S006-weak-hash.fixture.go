package main

import (
	"crypto/md5"
	"crypto/sha256"
)

func sum(data []byte) {
	// ruleid: S006
	md5.Sum(data)
	// ok: S006
	sha256.Sum256(data)
}
