package main

import (
	"bytes"
	"fmt"
	"time"
)

// The incident-style variants: the real debug=2 dump as it arrives in tickets
// and logs.

func crlf(dump []byte) []byte {
	return bytes.ReplaceAll(dump, []byte("\n"), []byte("\r\n"))
}

// indentedMarkdown indents the dump by 4 spaces inside a ``` fence, with prose
// before and after, as pasted into a ticket. Blank lines stay empty.
func indentedMarkdown(dump []byte) []byte {
	var b bytes.Buffer
	b.WriteString("The checkout service stopped answering at 10:00 UTC; here is the goroutine dump from the pod:\n\n")
	b.WriteString("```\n")
	for _, line := range bytes.SplitAfter(dump, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		if line[0] != '\n' {
			b.WriteString("    ")
		}
		b.Write(line)
	}
	b.WriteString("```\n\nAfter a restart it came back; it happened again an hour later.\n")
	return b.Bytes()
}

// logPrefixed prefixes every line the way kubectl logs shows container output
// (CRI format: RFC 3339 timestamp with nanoseconds, stream, tag F), the
// timestamp advancing by a few microseconds per line.
func logPrefixed(dump []byte) []byte {
	var b bytes.Buffer
	ts := time.Date(2024, 5, 1, 10, 0, 0, 123456789, time.UTC)
	rnd := uint64(0x9e3779b97f4a7c15)
	lines := bytes.Split(bytes.TrimSuffix(dump, []byte("\n")), []byte("\n"))
	for _, line := range lines {
		rnd ^= rnd << 13
		rnd ^= rnd >> 7
		rnd ^= rnd << 17
		ts = ts.Add(time.Duration(1000 + rnd%40000))
		b.WriteString(ts.Format(time.RFC3339Nano))
		b.WriteString(" stderr F ")
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// truncated cuts the dump in the middle of the first function line that
// starts after 60% of the file, with no final newline.
func truncated(dump []byte) []byte {
	pos := len(dump) * 6 / 10
	for pos < len(dump) {
		nl := bytes.IndexByte(dump[pos:], '\n')
		if nl < 0 {
			break
		}
		start := pos + nl + 1
		end := bytes.IndexByte(dump[start:], '\n')
		if end < 0 {
			break
		}
		line := dump[start : start+end]
		if len(line) > 4 && line[0] != '\t' && !bytes.HasPrefix(line, []byte("goroutine ")) &&
			!bytes.HasPrefix(line, []byte("created by ")) && !bytes.HasPrefix(line, []byte("...")) {
			return append([]byte(nil), dump[:start+len(line)/2]...)
		}
		pos = start
	}
	return dump[:len(dump)*6/10]
}

// secondDump starts a few more goroutines (a small leak), waits about a second
// and takes another debug=2 dump. It returns the dump and how many it added.
func secondDump(t *tracker) ([]byte, int) {
	const leaked = 5
	t.expect(leaked)
	for i := 0; i < leaked; i++ {
		go leakWorker(t, "leak")
	}
	t.ready.Wait()
	time.Sleep(time.Second - settle)
	return scrubPaths(goroutineProfile(2)), leaked
}

func leakWorker(t *tracker, name string) {
	t.enter(name)
	<-never
}

// twoDumps concatenates two dumps with a log line between them.
func twoDumps(first, second []byte) []byte {
	var b bytes.Buffer
	b.Write(first)
	fmt.Fprintf(&b, "\n2024-05-01T10:00:01Z INFO watchdog: still stuck, taking another goroutine dump\n\n")
	b.Write(second)
	return b.Bytes()
}
