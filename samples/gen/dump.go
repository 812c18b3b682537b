package main

import (
	"bufio"
	"path"
	"strconv"
	"strings"
)

// A small reader for the dumps this program itself writes, used only to check
// them and to take the frame text for the facts from the real output.

type frame struct {
	fn   string // function name without arguments
	file string
	line int
}

type grecord struct {
	id     int64
	state  string // first part of the bracket, e.g. "chan receive"
	locked bool   // ", locked to thread"
	elided bool   // "...additional frames elided..."
	frames []frame
}

// pkgOf returns the package path of a function name as printed in tracebacks.
func pkgOf(fn string) string {
	slash := strings.LastIndexByte(fn, '/')
	if dot := strings.IndexByte(fn[slash+1:], '.'); dot >= 0 {
		return fn[:slash+1+dot]
	}
	return fn
}

// where is the blocking frame: the first frame not in package runtime.
func (g *grecord) where() frame {
	for _, f := range g.frames {
		if pkgOf(f.fn) != "runtime" {
			return f
		}
	}
	return frame{fn: "?", file: "?"}
}

// mainFrame is the first frame in package main (the generator's own code).
func (g *grecord) mainFrame() frame {
	for _, f := range g.frames {
		if pkgOf(f.fn) == "main" {
			return f
		}
	}
	return frame{fn: "?", file: "?"}
}

func (f frame) loc() string { return path.Base(f.file) + ":" + strconv.Itoa(f.line) }

// parseDump reads goroutine records; text before the first header (a panic
// or signal preamble) and lines it does not know are skipped.
func parseDump(text string) []*grecord {
	var out []*grecord
	var cur *grecord
	inCreated := false
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "goroutine ") && strings.HasSuffix(line, "]:"):
			cur = parseHeader(line)
			out = append(out, cur)
			inCreated = false
		case cur == nil || line == "":
			cur = nil
		case strings.HasPrefix(line, "created by "):
			inCreated = true
		case strings.HasPrefix(line, "...additional frames elided..."):
			cur.elided = true
		case strings.HasPrefix(line, "\t"):
			if inCreated || len(cur.frames) == 0 {
				continue
			}
			f := &cur.frames[len(cur.frames)-1]
			loc := strings.TrimPrefix(line, "\t")
			if i := strings.Index(loc, " +0x"); i >= 0 {
				loc = loc[:i]
			}
			if i := strings.LastIndexByte(loc, ':'); i >= 0 {
				f.file = loc[:i]
				f.line, _ = strconv.Atoi(loc[i+1:])
			}
		default:
			fn := line
			if i := strings.LastIndexByte(fn, '('); i > 0 {
				fn = fn[:i]
			}
			cur.frames = append(cur.frames, frame{fn: fn})
		}
	}
	return out
}

func parseHeader(line string) *grecord {
	g := &grecord{}
	rest := strings.TrimPrefix(line, "goroutine ")
	sp := strings.IndexByte(rest, ' ')
	g.id, _ = strconv.ParseInt(rest[:sp], 10, 64)
	inside := rest[strings.IndexByte(rest, '[')+1 : len(rest)-2]
	parts := strings.Split(inside, ", ")
	g.state = parts[0]
	for _, p := range parts[1:] {
		if p == "locked to thread" {
			g.locked = true
		}
	}
	return g
}
