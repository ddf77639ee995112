package input

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names, as Options.Encoding takes them and FileInfo.Encoding
// reports them.
const (
	UTF8    = "utf-8"
	UTF8BOM = "utf-8-bom" // reported only: UTF-8 that starts with a byte-order mark
	Big5    = "big5"      // Big5 as Windows code page 950 writes it
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
	XLSX    = "xlsx" // reported only: an Excel workbook
)

// ParseEncoding checks an --encoding value and returns its canonical name:
// "" (detect), utf-8, big5, utf-16le or utf-16be. It accepts a few common
// spellings: utf8, cp950, big-5, utf16le.
func ParseEncoding(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "utf-8", "utf8":
		return UTF8, nil
	case "big5", "big-5", "cp950", "windows-950":
		return Big5, nil
	case "utf-16le", "utf16le":
		return UTF16LE, nil
	case "utf-16be", "utf16be":
		return UTF16BE, nil
	}
	return "", fmt.Errorf("unknown encoding %q (want utf-8, big5, utf-16le or utf-16be)", s)
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// textEncoding is what chooseEncoding decides for one file.
type textEncoding struct {
	name string            // as FileInfo.Encoding reports it
	skip int               // bytes of byte-order mark to drop
	enc  encoding.Encoding // its decoder turns bad bytes into U+FFFD
}

// chooseEncoding picks the encoding of a text file from its first bytes,
// whether the whole file is valid UTF-8, and the encoding the user asked
// for ("" to detect). Detection is deterministic: a byte-order mark wins,
// then valid UTF-8, else Big5, the encoding of Excel's "CSV" on Taiwanese
// Windows. A byte-order mark that contradicts the asked encoding is a
// problem, not something to guess around; so is a NUL byte in a file
// without a byte-order mark, which means UTF-16 that lost its mark.
// The problem is returned as a message.
func chooseEncoding(head []byte, validUTF8, hasNUL bool, asked string) (textEncoding, string) {
	var bom textEncoding
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		bom = textEncoding{UTF8BOM, 3, unicode.UTF8}
	case bytes.HasPrefix(head, bomUTF16LE):
		bom = textEncoding{UTF16LE, 2, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}
	case bytes.HasPrefix(head, bomUTF16BE):
		bom = textEncoding{UTF16BE, 2, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
	}
	if bom.name != "" {
		if asked != "" && asked != strings.TrimSuffix(bom.name, "-bom") {
			return bom, fmt.Sprintf("--encoding is %s, but the file starts with a %s byte-order mark",
				asked, strings.TrimSuffix(bom.name, "-bom"))
		}
		return bom, ""
	}
	switch asked {
	case UTF8:
		return textEncoding{UTF8, 0, unicode.UTF8}, ""
	case Big5:
		return textEncoding{Big5, 0, traditionalchinese.Big5}, ""
	case UTF16LE:
		return textEncoding{UTF16LE, 0, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}, ""
	case UTF16BE:
		return textEncoding{UTF16BE, 0, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}, ""
	}
	if hasNUL {
		return textEncoding{}, "the file has NUL bytes: if it is UTF-16 text without a byte-order mark, give --encoding utf-16le or utf-16be"
	}
	if validUTF8 {
		return textEncoding{UTF8, 0, unicode.UTF8}, ""
	}
	return textEncoding{Big5, 0, traditionalchinese.Big5}, ""
}
