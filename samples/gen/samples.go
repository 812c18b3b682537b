package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"
)

// settle is how long the generator waits after every goroutine reached its
// site, so that all of them are parked when the dump is taken.
const settle = 300 * time.Millisecond

// runSamples writes the default samples and goroutine.facts into dir.
func runSamples(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	t := newTracker()
	startAll(t)
	time.Sleep(settle)

	debug2, debug1 := deepDumps(dumpDepth)
	debug2, debug1 = scrubPaths(debug2), scrubPaths(debug1)

	facts, err := buildFacts(t, string(debug2), string(debug1))
	if err != nil {
		return err
	}

	// A second dump about a second later, with a few more goroutines.
	second, added := secondDump(t)

	panicOut, err := captureChild("panic")
	if err != nil {
		return err
	}
	sigquitOut, err := captureChild("sigquit")
	if err != nil {
		return err
	}
	childFacts, err := checkChildren(panicOut, sigquitOut)
	if err != nil {
		return err
	}
	facts = append(facts, childFacts...)
	// The debug=1 profiles come from their own child process (profiles.go).
	profiles, err := captureProfiles()
	if err != nil {
		return err
	}
	facts = append(facts, fmt.Sprintf("two_dumps %d %d", countHeaders(debug2), countHeaders(second)))
	if countHeaders(second) != countHeaders(debug2)+added {
		return fmt.Errorf("second dump has %d goroutines, want %d", countHeaders(second), countHeaders(debug2)+added)
	}

	files := []struct {
		name string
		data []byte
	}{
		{"goroutine.debug2.txt", debug2},
		{"goroutine.debug1.txt", debug1},
		{"incident.crlf.txt", crlf(debug2)},
		{"incident.indented.md", indentedMarkdown(debug2)},
		{"incident.tabs-as-spaces.txt", bytes.ReplaceAll(debug2, []byte("\t"), []byte("    "))},
		{"incident.logprefix.txt", logPrefixed(debug2)},
		{"incident.truncated.txt", truncated(debug2)},
		{"incident.two-dumps.txt", twoDumps(debug2, second)},
		{"incident.bom.txt", append([]byte("\xef\xbb\xbf"), debug2...)},
		{"panic.txt", panicOut},
		{"sigquit.txt", sigquitOut},
		{"goroutine.facts", []byte(strings.Join(facts, "\n") + "\n")},
	}
	for _, name := range append(append([]string(nil), profileFiles...), "profiles.facts") {
		files = append(files, struct {
			name string
			data []byte
		}{name, profiles[name]})
	}
	for _, f := range files {
		if err := writeFile(dir, f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}

// dumpDepth is how deep the dumping goroutine recurses before it takes the
// dumps. Go 1.19 prints "...additional frames elided..." only when 100 frames
// were printed; parked goroutines hide their runtime.gopark frames and stop
// short of that (deep-recursion shows 97 frames and no marker), so the
// running goroutine that takes the dump is the one that shows the marker.
const dumpDepth = 120

// deepDumps takes the debug=2 and debug=1 goroutine profiles depth calls deep.
func deepDumps(depth int) (debug2, debug1 []byte) {
	if depth > 0 {
		debug2, debug1 = deepDumps(depth - 1)
		return debug2, debug1
	}
	return goroutineProfile(2), goroutineProfile(1)
}

func goroutineProfile(debug int) []byte {
	var b bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&b, debug); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func countHeaders(dump []byte) int {
	return len(parseDump(string(dump)))
}

// buildFacts checks the dumps against the sites and returns the fact lines.
func buildFacts(t *tracker, debug2, debug1 string) ([]string, error) {
	recs := parseDump(debug2)
	byID := make(map[int64]*grecord, len(recs))
	for _, g := range recs {
		byID[g.id] = g
	}

	started, elided, locked := 0, 0, 0
	var startLines []string
	for _, s := range sites {
		ids := t.ids(s.name)
		if len(ids) != s.count {
			return nil, fmt.Errorf("site %s: %d goroutines entered, want %d", s.name, len(ids), s.count)
		}
		var first *grecord
		for _, id := range ids {
			g := byID[id]
			if g == nil {
				return nil, fmt.Errorf("site %s: goroutine %d missing from the dump", s.name, id)
			}
			if first == nil {
				first = g
			} else if g.state != first.state || g.where() != first.where() || g.mainFrame() != first.mainFrame() {
				return nil, fmt.Errorf("site %s: goroutine %d is [%s] at %v, goroutine %d is [%s] at %v",
					s.name, first.id, first.state, first.where(), g.id, g.state, g.where())
			}
		}
		m := first.mainFrame()
		startLines = append(startLines, fmt.Sprintf("start %s %d %s %s %s", s.name, s.count, first.state, m.fn, m.loc()))
		started += s.count
	}

	// site lines: every goroutine of the dump grouped by state and blocking frame.
	groups := map[string]int{}
	for _, g := range recs {
		w := g.where()
		groups[g.state+"\x00"+w.fn+" "+w.loc()]++
		if g.elided {
			elided++
		}
		if g.locked {
			locked++
		}
	}
	var siteLines []string
	for k, n := range groups {
		i := strings.IndexByte(k, 0)
		siteLines = append(siteLines, fmt.Sprintf("site %d %s %s", n, k[:i], k[i+1:]))
	}
	sort.Slice(siteLines, func(i, j int) bool {
		ni, nj := siteCount(siteLines[i]), siteCount(siteLines[j])
		if ni != nj {
			return ni > nj
		}
		return siteLines[i] < siteLines[j]
	})

	total1, labelLines, err := debug1Facts(debug1)
	if err != nil {
		return nil, err
	}
	if total1 != len(recs) {
		return nil, fmt.Errorf("debug=1 total %d, debug=2 has %d goroutines", total1, len(recs))
	}
	labelled, wantLabelled := 0, 0
	for _, l := range labelLines {
		labelled += siteCount(l)
	}
	for _, s := range sites {
		if strings.HasPrefix(s.name, "labels-") {
			wantLabelled += s.count
		}
	}
	if labelled != wantLabelled {
		return nil, fmt.Errorf("debug=1 has %d labelled goroutines, want %d", labelled, wantLabelled)
	}
	if len(recs) != started+1 {
		return nil, fmt.Errorf("dump has %d goroutines, started %d plus main", len(recs), started)
	}

	facts := []string{
		"# gostacks sample facts, written by samples/gen; see samples/README.md",
		"go " + runtime.Version(),
		"total " + strconv.Itoa(len(recs)),
		"started " + strconv.Itoa(started),
		"debug1_total " + strconv.Itoa(total1),
		"elided " + strconv.Itoa(elided),
		"locked " + strconv.Itoa(locked),
		"wait_minutes " + strconv.Itoa(len(minutesRE.FindAllStringIndex(debug2, -1))),
	}
	facts = append(facts, siteLines...)
	facts = append(facts, startLines...)
	facts = append(facts, labelLines...)
	return facts, nil
}

func siteCount(line string) int {
	n, _ := strconv.Atoi(strings.Fields(line)[1])
	return n
}

var minutesRE = regexp.MustCompile(`(?m)^goroutine \d+ \[[^\]]*, \d+ minutes`)

var recordRE = regexp.MustCompile(`^(\d+) @( 0x[0-9a-f]+)+$`)

// debug1Facts reads the total and the goroutines per label set.
func debug1Facts(text string) (int, []string, error) {
	lines := strings.Split(text, "\n")
	var total int
	if _, err := fmt.Sscanf(lines[0], "goroutine profile: total %d", &total); err != nil {
		return 0, nil, fmt.Errorf("debug=1 header: %q", lines[0])
	}
	labels := map[string]int{}
	sum, count := 0, 0
	for _, l := range lines[1:] {
		if m := recordRE.FindStringSubmatch(l); m != nil {
			count, _ = strconv.Atoi(m[1])
			sum += count
		} else if strings.HasPrefix(l, "# labels: ") {
			labels[strings.TrimPrefix(l, "# labels: ")] += count
		}
	}
	if sum != total {
		return 0, nil, fmt.Errorf("debug=1 records sum to %d, total %d", sum, total)
	}
	var out []string
	for k, n := range labels {
		out = append(out, fmt.Sprintf("labels %d %s", n, k))
	}
	sort.Strings(out)
	return total, out, nil
}
