package main

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// tracker records which goroutine ids belong to which start site, so the
// facts can be checked against the dump goroutine by goroutine.
type tracker struct {
	mu    sync.Mutex
	goids map[string][]int64
	ready sync.WaitGroup // one Done per goroutine that reached its site
}

func newTracker() *tracker {
	return &tracker{goids: make(map[string][]int64)}
}

// expect announces n goroutines that will call enter.
func (t *tracker) expect(n int) { t.ready.Add(n) }

// enter is called by a started goroutine just before it blocks.
func (t *tracker) enter(site string) {
	id := curGoid()
	t.mu.Lock()
	t.goids[site] = append(t.goids[site], id)
	t.mu.Unlock()
	t.ready.Done()
}

// ids returns the goroutine ids recorded for a site.
func (t *tracker) ids(site string) []int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]int64(nil), t.goids[site]...)
}

// curGoid reads the current goroutine id from the first line of its own
// traceback ("goroutine 42 [running]:").
func curGoid() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	s := strings.TrimPrefix(string(buf[:n]), "goroutine ")
	if i := strings.IndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic("cannot read goroutine id: " + string(buf[:n]))
	}
	return id
}
