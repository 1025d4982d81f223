package main

import "regexp"

var word = regexp.MustCompile(`\w+`)

func count(lines []string) int {
	total := 0
	for _, line := range lines {
		// ruleid: P003
		digits := regexp.MustCompile(`\d+`)
		// ok: P003
		total += len(digits.FindAllString(line, -1)) + len(word.FindAllString(line, -1))
	}
	return total
}
