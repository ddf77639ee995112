package input

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"unicode/utf8"
)

// seekFile is an open plan file.
type seekFile interface {
	io.ReadSeeker
	io.Closer
}

// open opens a plan file. Standard input, and anything that cannot seek
// (a pipe), is read into memory: the reader reads each file twice.
func open(path string, stdin io.Reader) (seekFile, error) {
	if path == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		return nopCloser{bytes.NewReader(b)}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		f.Close()
		return nil, fmt.Errorf("read %s: is a directory", path)
	}
	if _, err := f.Seek(0, io.SeekStart); err == nil {
		return f, nil
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return nopCloser{bytes.NewReader(b)}, nil
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// scan is what a first pass over the raw bytes of a file learns.
type scan struct {
	head      []byte // the first bytes: a byte-order mark, a zip signature
	sha256    string
	validUTF8 bool
	fffd      bool // valid UTF-8 that has U+FFFD, the replacement character, in it
	nulLine   int  // line of the first NUL byte, 0 when there is none
}

// scanFile reads f to the end once: the encoding is decided from the
// whole file, not a guess from its start.
func scanFile(f io.Reader) (scan, error) {
	var (
		s     scan
		h     hash.Hash = sha256.New()
		carry []byte    // an incomplete UTF-8 sequence at the end of a chunk
		lines = 1
		buf   = make([]byte, 64<<10)
	)
	s.validUTF8 = true
	for {
		n, err := f.Read(buf)
		chunk := buf[:n]
		h.Write(chunk)
		if len(s.head) < 8 {
			s.head = append(s.head, chunk[:min(n, 8-len(s.head))]...)
		}
		if s.nulLine == 0 {
			if i := bytes.IndexByte(chunk, 0); i >= 0 {
				s.nulLine = lines + bytes.Count(chunk[:i], []byte("\n"))
			} else {
				lines += bytes.Count(chunk, []byte("\n"))
			}
		}
		if s.validUTF8 && n > 0 {
			b := chunk
			if len(carry) > 0 {
				b = append(carry, chunk...)
			}
			cut := len(b)
			for j := len(b) - 1; j >= 0 && j >= len(b)-utf8.UTFMax; j-- {
				if utf8.RuneStart(b[j]) {
					if !utf8.FullRune(b[j:]) {
						cut = j
					}
					break
				}
			}
			s.validUTF8 = utf8.Valid(b[:cut])
			// b[:cut] ends with a whole character, so no U+FFFD is split.
			s.fffd = s.fffd || bytes.Contains(b[:cut], []byte("\uFFFD"))
			carry = append([]byte(nil), b[cut:]...)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return scan{}, err
		}
	}
	s.validUTF8 = s.validUTF8 && len(carry) == 0
	s.sha256 = hex.EncodeToString(h.Sum(nil))
	return s, nil
}
