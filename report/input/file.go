package input

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"unicode/utf8"
)

// seekFile is an open plan file.
type seekFile interface {
	io.ReadSeeker
	io.ReaderAt
	io.Closer
}

// open opens a plan file. The reader passes over each file twice (see
// scanFile), so standard input and anything else that cannot seek (a
// pipe) is first copied to a temporary file, which Close removes: a
// million-row plan piped in costs disk, not memory.
func open(path string, stdin io.Reader, tempDir string) (seekFile, error) {
	if path == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		if f, ok := stdin.(*os.File); ok {
			fi, err := f.Stat()
			if at, serr := f.Seek(0, io.SeekCurrent); err == nil && fi.Mode().IsRegular() && serr == nil && at == 0 {
				return nopCloser{f}, nil // redirected from a file: seekable already
			}
		}
		return spool(stdin, "standard input", tempDir)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		f.Close()
		return nil, fmt.Errorf("read %s: is a directory", path)
	} else if err == nil && !fi.Mode().IsRegular() && fi.Mode()&os.ModeNamedPipe == 0 {
		// /dev/zero would be read for ever; a FIFO streams like "-".
		f.Close()
		return nil, &Error{File: path, Message: fmt.Sprintf("not a regular file (%s): give a plan file, a FIFO, or - for standard input", fileKind(fi.Mode()))}
	}
	if _, err := f.Seek(0, io.SeekStart); err == nil {
		return f, nil
	}
	defer f.Close()
	return spool(f, path, tempDir)
}

// maxSpool bounds the copy spool makes: 1 GiB, about 15 million rows
// (bench/gen's million-row plan is 71 MB), so that an endless stream
// (`- < /dev/zero`) stops instead of filling the disk. A variable so that
// tests can lower it; nothing else changes it.
var maxSpool int64 = 1 << 30

// spool copies r to a temporary file and returns it, rewound; closing it
// removes it.
func spool(r io.Reader, name, tempDir string) (seekFile, error) {
	tmp, err := os.CreateTemp(tempDir, "linecost-plan-*")
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	sf := spooled{tmp}
	n, err := io.Copy(tmp, io.LimitReader(r, maxSpool+1))
	if err == nil && n > maxSpool {
		sf.Close()
		// Bad input, like a file past any other bound (exit 1), not a
		// failure to read.
		return nil, &Error{File: name, Message: fmt.Sprintf("more than %s: a plan that cannot be read twice in place "+
			"(standard input, a FIFO) is copied to a temporary file, up to that size", sizeText(maxSpool))}
	}
	if err != nil {
		sf.Close()
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		sf.Close()
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return sf, nil
}

// spooled is a temporary copy of a plan that cannot seek.
type spooled struct{ *os.File }

func (s spooled) Close() error {
	return errors.Join(s.File.Close(), os.Remove(s.File.Name()))
}

// nopCloser leaves the standard input given to the reader open.
type nopCloser struct{ *os.File }

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

// fileKind names what a file that is not regular is.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}
