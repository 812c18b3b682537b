package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Bench mode: park K goroutines with K distinct real stacks, take one real
// runtime.Stack dump, then write FILE by repeating those goroutine blocks
// with fresh goroutine ids, varied pointer arguments and wait minutes.

func runBench(file string, sizeMB, k int, factsFile string) {
	t := newTracker()
	t.expect(k)
	for i := 0; i < k; i++ {
		go benchRoot(t, i)
	}
	t.ready.Wait()
	time.Sleep(100 * time.Millisecond)

	real := allStacks()
	want := make(map[int64]bool, k)
	for _, id := range t.ids("bench") {
		want[id] = true
	}
	var tmpls []*template
	distinct := map[string]bool{}
	for _, block := range strings.Split(string(real), "\n\n") {
		recs := parseDump(block)
		if len(recs) != 1 || !want[recs[0].id] {
			continue
		}
		var key strings.Builder
		key.WriteString(recs[0].state)
		for _, f := range recs[0].frames {
			fmt.Fprintf(&key, "|%s %s:%d", f.fn, f.file, f.line)
		}
		distinct[key.String()] = true
		tmpls = append(tmpls, compileTemplate(strings.TrimSuffix(block, "\n")+"\n"))
	}
	if len(tmpls) != k {
		log.Fatalf("found %d of the %d bench goroutines in the dump", len(tmpls), k)
	}

	n, size, err := writeBench(file, int64(sizeMB)<<20, tmpls)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %s: %d goroutines, %d distinct stacks, %d bytes\n", file, n, len(distinct), size)
	if factsFile != "" {
		facts := fmt.Sprintf("total %d\nstacks %d\nbytes %d\n", n, len(distinct), size)
		if err := os.WriteFile(factsFile, []byte(facts), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// allStacks returns runtime.Stack(buf, true), growing buf until it fits.
func allStacks() []byte {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return scrubPaths(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

// Goroutine i recurses 3..20 levels deep (two or three frames per level, so
// about 9..45 frames); at each level two bits of i/18 choose one of four
// functions (plain, method, generic, closure), and i%5 chooses how the leaf
// blocks. The first 18*64 goroutines are sure to get distinct stacks.
type benchPath struct {
	t     *tracker
	depth int
	sel   int
	state int
}

func benchRoot(t *tracker, i int) {
	p := &benchPath{t: t, depth: 3 + i%18, sel: i / 18, state: i % 5}
	benchNext(p, 0)
}

func benchNext(p *benchPath, level int) {
	if level == p.depth {
		benchLeaf(p)
		return
	}
	switch (p.sel >> (2 * uint(level%16))) & 3 {
	case 0:
		benchPlain(p, level+1)
	case 1:
		(&benchNode{p: p}).walk(level + 1)
	case 2:
		benchGeneric(p, level+1, level)
	default:
		benchClosure(p, level+1)
	}
}

func benchPlain(p *benchPath, level int) { benchNext(p, level) }

type benchNode struct{ p *benchPath }

func (n *benchNode) walk(level int) { benchNext(n.p, level) }

func benchGeneric[T any](p *benchPath, level int, v T) T {
	benchNext(p, level)
	return v
}

func benchClosure(p *benchPath, level int) {
	f := func() { benchNext(p, level) }
	f()
}

var (
	benchMu    sync.Mutex
	benchMuOne sync.Once
	benchCond  = sync.NewCond(&sync.Mutex{})
)

func benchLeaf(p *benchPath) {
	switch p.state {
	case 0:
		p.t.enter("bench")
		<-never
	case 1:
		p.t.enter("bench")
		select {
		case <-never:
		case noRecv <- 1:
		}
	case 2:
		benchMuOne.Do(benchMu.Lock)
		p.t.enter("bench")
		benchMu.Lock()
	case 3:
		p.t.enter("bench")
		time.Sleep(24 * time.Hour)
	default:
		benchCond.L.Lock()
		p.t.enter("bench")
		for {
			benchCond.Wait()
		}
	}
}

// A template is one goroutine block cut into literal text and holes.
type template struct {
	parts []tpart
}

type tpart struct {
	lit  []byte
	hole int // after lit: 0 none, holeGoid, holeMinutes, holeHex5
}

const (
	holeGoid = iota + 1
	holeMinutes
	holeHex5 // the last 5 hex digits of a pointer-sized argument word
)

func compileTemplate(block string) *template {
	t := &template{}
	var lit []byte
	emit := func(hole int) {
		t.parts = append(t.parts, tpart{lit: lit, hole: hole})
		lit = nil
	}
	lines := strings.SplitAfter(block, "\n")
	// Header: "goroutine ID [state, rest]:"
	h := lines[0]
	rest := strings.TrimPrefix(h, "goroutine ")
	sp := strings.IndexByte(rest, ' ')
	lit = append(lit, "goroutine "...)
	emit(holeGoid)
	inner := rest[sp:]
	end := strings.IndexAny(inner, ",]")
	lit = append(lit, inner[:end]...)
	state := strings.TrimPrefix(inner[:end], " [")
	if state != "running" && state != "runnable" {
		emit(holeMinutes)
	}
	lit = append(lit, inner[end:]...)
	for _, line := range lines[1:] {
		open := strings.LastIndexByte(line, '(')
		if line == "" || line[0] == '\t' || strings.HasPrefix(line, "created by ") || open < 0 {
			lit = append(lit, line...)
			continue
		}
		// A function line: vary the low digits of long hex words in the args.
		lit = append(lit, line[:open]...)
		args := line[open:]
		for i := 0; i < len(args); {
			if strings.HasPrefix(args[i:], "0x") {
				j := i + 2
				for j < len(args) && isHex(args[j]) {
					j++
				}
				if j-i-2 >= 8 {
					lit = append(lit, args[i:j-5]...)
					emit(holeHex5)
					i = j
					continue
				}
				lit = append(lit, args[i:j]...)
				i = j
				continue
			}
			lit = append(lit, args[i])
			i++
		}
	}
	emit(0)
	return t
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

// writeBench writes templates round robin until size bytes are reached.
func writeBench(file string, size int64, tmpls []*template) (int64, int64, error) {
	f, err := os.Create(file)
	if err != nil {
		return 0, 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var written, count int64
	rnd := uint64(0x2545f4914f6cdd1d)
	goid := int64(1)
	var scratch []byte
	const hexdigits = "0123456789abcdef"
	for written < size {
		tm := tmpls[count%int64(len(tmpls))]
		if count > 0 {
			w.WriteByte('\n')
			written++
		}
		for _, p := range tm.parts {
			w.Write(p.lit)
			written += int64(len(p.lit))
			scratch = scratch[:0]
			switch p.hole {
			case holeGoid:
				goid += 1 + int64(rnd%3)
				scratch = strconv.AppendInt(scratch, goid, 10)
			case holeMinutes:
				rnd ^= rnd << 13
				rnd ^= rnd >> 7
				rnd ^= rnd << 17
				if rnd%2 == 0 {
					scratch = append(scratch, ", "...)
					// mostly short waits, some up to a day
					minutes := 1 + (rnd>>8)%1440>>((rnd>>40)%8)
					scratch = strconv.AppendUint(scratch, minutes, 10)
					scratch = append(scratch, " minutes"...)
				}
			case holeHex5:
				rnd ^= rnd << 13
				rnd ^= rnd >> 7
				rnd ^= rnd << 17
				v := rnd
				for i := 0; i < 5; i++ {
					scratch = append(scratch, hexdigits[v&15])
					v >>= 4
				}
			}
			w.Write(scratch)
			written += int64(len(scratch))
		}
		count++
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, 0, err
	}
	if err := f.Close(); err != nil {
		return 0, 0, err
	}
	return count, written, nil
}
