package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
)

func seal(key, data []byte) ([]byte, error) {
	// ruleid: S036
	fixed, err := aes.NewCipher([]byte("0123456789abcdef"))
	if err != nil {
		return nil, err
	}
	// ruleid: S036
	cipher.NewCBCEncrypter(fixed, make([]byte, aes.BlockSize))
	// ok: S036
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	iv := make([]byte, aes.BlockSize)
	if _, err := rand.Read(iv); err != nil {
		return nil, err
	}
	// ok: S036
	cipher.NewCBCEncrypter(block, iv)
	return data, nil
}
