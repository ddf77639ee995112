package input

import (
	"fmt"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// accountNames makes one account of the names that are equal after NFKC
// normalization and case folding (ShopA, shopa, ＳｈｏｐＡ), across all
// the files of a run: LINE bills an account once, so three spellings must
// never be three plan fees. The account takes the first spelling met;
// the others are listed in a warning with their lines.
type accountNames struct {
	spelling map[string]*account // every spelling met: its account
	byKey    map[string]*account
	order    []*account // in the order first met
}

type account struct {
	name     string // the first spelling met
	file     string // where: file and line (formatted only for a warning: most accounts have none)
	line     int
	others   []string
	lines    map[string][]string // file:line of each other spelling, at most maxSpellingLines
	moreOf   map[string]int      // lines past maxSpellingLines
	firstAt  position            // first line of the first other spelling, for the warning
	firstIn  string
	hasOther bool
}

// maxSpellingLines is how many lines of each other spelling the warning
// lists before it counts the rest.
const maxSpellingLines = 5

func newAccountNames() *accountNames {
	return &accountNames{spelling: map[string]*account{}, byKey: map[string]*account{}}
}

var folder = cases.Fold()

// canonical is the account of the name, met at file:line.
func (n *accountNames) canonical(name, file string, line int) string {
	a, ok := n.spelling[name]
	if ok && a.name == name {
		return name // the first spelling itself: the common case, one lookup
	}
	if !ok {
		key := folder.String(norm.NFKC.String(name))
		if a, ok = n.byKey[key]; !ok {
			a = &account{name: name, file: file, line: line}
			n.byKey[key] = a
			n.order = append(n.order, a)
			n.spelling[name] = a
			return name
		}
		n.spelling[name] = a
	}
	if a.lines == nil {
		a.lines, a.moreOf = map[string][]string{}, map[string]int{}
	}
	if _, seen := a.lines[name]; !seen {
		a.others = append(a.others, name)
	}
	if !a.hasOther {
		a.hasOther, a.firstIn, a.firstAt = true, file, position{line, 1}
	}
	if len(a.lines[name]) < maxSpellingLines {
		a.lines[name] = append(a.lines[name], fmt.Sprintf("%s:%d", file, line))
	} else {
		a.moreOf[name]++
	}
	return a.name
}

// warnings lists the accounts met under several spellings.
func (n *accountNames) warnings() []Warning {
	var ws []Warning
	for _, a := range n.order {
		if !a.hasOther {
			continue
		}
		var parts []string
		for _, o := range a.others {
			lines := strings.Join(a.lines[o], ", ")
			if m := a.moreOf[o]; m > 0 {
				lines += fmt.Sprintf(" and %d more", m)
			}
			parts = append(parts, fmt.Sprintf("%q (%s)", o, lines))
		}
		at := fmt.Sprintf("%s:%d", a.file, a.line)
		ws = append(ws, Warning{File: a.firstIn, Line: a.firstAt.line, Message: fmt.Sprintf(
			"account %q (first at %s) is also spelled %s: the same account after folding case and width, billed once as %q",
			a.name, at, strings.Join(parts, ", "), a.name), Chinese: fmt.Sprintf(
			"帳號 %q（首見於 %s）也寫作 %s：不分大小寫與全半形是同一個帳號，以 %q 計費一次",
			a.name, at, strings.Join(parts, "、"), a.name)})
	}
	return ws
}

// AccountKey is what two spellings of one account share: the name after
// Unicode NFKC normalization and case folding (ShopA, shopa and ＳｈｏｐＡ
// have one key). It makes a fresh folder: a cases.Caser is not safe to
// share between goroutines.
func AccountKey(name string) string { return cases.Fold().String(norm.NFKC.String(name)) }
