package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortedZip writes parts of many sizes, some over several blocks
// deflated side by side, in no particular order, and reads them back: each
// part whole, in name order, and the same bytes whatever the order of the
// parts.
func TestSortedZip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	words := []string{"<row r=\"1\">", "<c r=\"A1\" s=\"3\" t=\"inlineStr\">", "<is><t>咖啡小館</t></is>", "</c>", "<v>1200</v>", "</row>"}
	parts := map[string][]byte{}
	for i, size := range []int{0, 1, 100, blockSize - 1, blockSize, blockSize + 1, 3*blockSize + blockSize/2} {
		var b bytes.Buffer
		for b.Len() < size {
			b.WriteString(words[rnd.IntN(len(words))])
			fmt.Fprint(&b, rnd.IntN(1000))
		}
		parts[fmt.Sprintf("xl/part%d.xml", i)] = b.Bytes()[:size]
	}
	names := slices.Sorted(maps.Keys(parts))
	var first []byte
	for round := range 3 {
		order := slices.Clone(names)
		rnd.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var out bytes.Buffer
		z, err := newSortedZip(&out)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range order {
			w, err := z.Create(n)
			if err != nil {
				t.Fatal(err)
			}
			// In uneven pieces, as io.Copy and excelize's writers give them.
			for p := parts[n]; len(p) > 0; {
				k := min(len(p), 1+rnd.IntN(70000))
				if _, err := w.Write(p[:k]); err != nil {
					t.Fatal(err)
				}
				p = p[k:]
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		r, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range r.File {
			got = append(got, f.Name)
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc) // checks the CRC-32 too
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if !bytes.Equal(data, parts[f.Name]) {
				t.Errorf("%s: read %d bytes back, wrote %d", f.Name, len(data), len(parts[f.Name]))
			}
		}
		if !slices.Equal(got, names) {
			t.Errorf("parts in the zip: %q, want %q", got, names)
		}
		if round == 0 {
			first = out.Bytes()
		} else if !bytes.Equal(out.Bytes(), first) {
			t.Errorf("round %d: the parts in another order give other bytes", round+1)
		}
	}
}
