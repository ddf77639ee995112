package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// sortedZip is the zip writer Write gives excelize
// (File.SetZipWriter), for three reasons:
//
//   - excelize's WriteTo builds the whole zip in memory before writing it
//     (upstream issue #2357), so its peak memory grows with the report.
//     sortedZip ignores that buffer and writes to the output.
//   - excelize writes the streamed sheets in map order, so with two or more
//     of them the bytes would differ from run to run. sortedZip deflates
//     each part into a temporary file as it comes and, on Close, copies the
//     parts into the zip sorted by name: the same workbook, the same bytes.
//   - Deflating is some 40% of the work of a long workbook, and excelize
//     does it at the end, when nothing else runs. sortedZip deflates blocks
//     of a part on every CPU, as pigz does: each block is deflated on its
//     own and ends on a byte boundary (a sync flush), the last one with a
//     final block, so that together they are one deflate stream. Starting
//     a block without the 32 KiB before it costs a few bytes per MiB.
//
// Copying the deflated parts costs little: they are a tenth of the XML.
// The deflate is klauspost/compress's, about twice as fast as the standard
// library's on sheet XML; at its level 6 the files are within 3% of
// archive/zip's (the standard library at level 5, which excelize uses).
type sortedZip struct {
	out    *zip.Writer
	spool  *os.File
	buf    *bufio.Writer
	offset int64 // bytes written to the spool
	parts  []*spooledPart
	cur    *spooledPart // the part excelize is writing
	crc    hash.Hash32

	block   *block   // the current block of cur, not yet deflated
	pending []*block // blocks being deflated, in order
	workers chan struct{}
	err     error // the first error writing the spool

	// fix rewrites the parts it names, which are held whole until they
	// end (small sheets written in excelize's normal mode).
	fix  map[string]func([]byte) []byte
	held *bytes.Buffer // the part being held, nil when none
}

// spooledPart is one deflated part in the spool.
type spooledPart struct {
	name       string
	offset     int64
	compressed int64
	size       uint64
	crc        uint32
}

// block is a piece of a part to deflate.
type block struct {
	part *spooledPart
	in   []byte
	last bool // the part's last block: it ends the deflate stream
	out  bytes.Buffer
	done chan struct{}
}

const (
	// blockSize is how much of a part one worker deflates at a time.
	blockSize = 1 << 20
	// deflateLevel is klauspost/compress's level whose files come
	// closest to archive/zip's for little time: on a 10k-row bench plan
	// 4.76 MB against 4.62 MB (level 5: 5.10 MB, no faster).
	deflateLevel = 6
)

var (
	blockPool  = sync.Pool{New: func() any { return &block{in: make([]byte, 0, blockSize)} }}
	flatePool  = sync.Pool{New: func() any { w, _ := flate.NewWriter(nil, deflateLevel); return w }}
	zipWorkers = runtime.GOMAXPROCS(0)

	_ excelize.ZipWriter = (*sortedZip)(nil)
)

// newSortedZip returns the zip writer of a workbook written to w.
func newSortedZip(w io.Writer) (*sortedZip, error) {
	spool, err := os.CreateTemp("", "linecost-xlsx-*")
	if err != nil {
		return nil, err
	}
	return &sortedZip{
		out: zip.NewWriter(w), spool: spool, buf: bufio.NewWriterSize(spool, 1<<16),
		crc: crc32.NewIEEE(), workers: make(chan struct{}, zipWorkers),
	}, nil
}

// Create starts the part name.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	z.endPart()
	if z.err != nil {
		return nil, z.err
	}
	z.cur = &spooledPart{name: name, offset: -1}
	z.parts = append(z.parts, z.cur)
	z.crc.Reset()
	if z.fix[name] != nil {
		z.held = &bytes.Buffer{}
	}
	return partWriter{z}, nil
}

// partWriter is where excelize writes the bytes of the current part.
type partWriter struct{ z *sortedZip }

func (w partWriter) Write(p []byte) (int, error) {
	if w.z.held != nil {
		return w.z.held.Write(p)
	}
	return w.z.write(p)
}

// write adds p to the current part.
func (z *sortedZip) write(p []byte) (int, error) {
	z.crc.Write(p)
	z.cur.size += uint64(len(p))
	for n := 0; n < len(p); {
		if z.block == nil {
			z.block = newBlock(z.cur)
		}
		b := z.block
		k := min(len(p)-n, blockSize-len(b.in))
		b.in = append(b.in, p[n:n+k]...)
		n += k
		if len(b.in) == blockSize {
			z.deflate(false)
		}
	}
	return len(p), z.err
}

// deflate hands the current block to a worker, then writes out the blocks
// already deflated, waiting for the oldest when too many are pending.
func (z *sortedZip) deflate(last bool) {
	b := z.block
	b.last, b.done = last, make(chan struct{})
	z.block = nil
	z.pending = append(z.pending, b)
	z.workers <- struct{}{}
	go func() {
		defer func() { <-z.workers; close(b.done) }()
		fw := flatePool.Get().(*flate.Writer)
		fw.Reset(&b.out)
		fw.Write(b.in) // a bytes.Buffer does not fail
		if b.last {
			fw.Close()
		} else {
			fw.Flush()
		}
		flatePool.Put(fw)
	}()
	for len(z.pending) > 0 {
		select {
		case <-z.pending[0].done:
		default:
			if len(z.pending) <= 2*zipWorkers {
				return
			}
			<-z.pending[0].done
		}
		z.writeOut(z.pending[0])
		z.pending = z.pending[1:]
	}
}

// writeOut appends a deflated block to the spool.
func (z *sortedZip) writeOut(b *block) {
	if b.part.offset < 0 {
		b.part.offset = z.offset
	}
	if z.err == nil {
		n, err := z.buf.Write(b.out.Bytes())
		z.offset += int64(n)
		b.part.compressed += int64(n)
		z.err = err
	}
	blockPool.Put(b)
}

// newBlock is an empty block of part p.
func newBlock(p *spooledPart) *block {
	b := blockPool.Get().(*block)
	b.part, b.in, b.last, b.done = p, b.in[:0], false, nil
	b.out.Reset()
	return b
}

// endPart deflates the rest of the current part.
func (z *sortedZip) endPart() {
	if z.cur == nil {
		return
	}
	if h := z.held; h != nil {
		z.held = nil
		z.write(z.fix[z.cur.name](h.Bytes()))
	}
	if z.block == nil {
		z.block = newBlock(z.cur)
	}
	z.deflate(true)
	z.cur.crc = z.crc.Sum32()
	z.cur = nil
}

// AddFS is part of excelize.ZipWriter; excelize does not call it.
func (z *sortedZip) AddFS(fsys fs.FS) error { return z.out.AddFS(fsys) }

// Close writes the parts to the output, sorted by name, and removes the
// spool.
func (z *sortedZip) Close() error {
	defer os.Remove(z.spool.Name())
	defer z.spool.Close()
	z.endPart()
	for _, b := range z.pending {
		<-b.done
		z.writeOut(b)
	}
	z.pending = nil
	if z.err != nil {
		return z.err
	}
	if err := z.buf.Flush(); err != nil {
		return err
	}
	slices.SortStableFunc(z.parts, func(a, b *spooledPart) int { return strings.Compare(a.name, b.name) })
	for _, p := range z.parts {
		w, err := z.out.CreateRaw(&zip.FileHeader{
			Name: p.name, Method: zip.Deflate, CRC32: p.crc,
			CompressedSize64: uint64(p.compressed), UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, io.NewSectionReader(z.spool, p.offset, p.compressed)); err != nil {
			return err
		}
	}
	return z.out.Close()
}

// numericFormulas makes the cached results of a normal-mode sheet's
// formulas numbers: excelize's SetCellFormula marks a cell's value a
// string (t="str"), and a reader would show a cached 1200 as the text
// "1200", left-aligned and unformatted. Every formula of the workbook has
// a numeric result.
func numericFormulas(xml []byte) []byte {
	return bytes.ReplaceAll(xml, []byte(` t="str"><f>`), []byte(`><f>`))
}
