package main

// -serve ADDR: a real net/http/pprof server for gostacks' network tests
// (tests/net.sh). It parks the goroutines of the sites table, makes known
// mutex, block and heap activity, prints "listening on 127.0.0.1:PORT" on
// stdout and serves /debug/pprof until its stdin closes or -serve-timeout
// passes, so it never outlives the test that started it. With -serve-leak DUR it
// also leaks a goroutine every DUR, so its count grows (tests/watch.sh).

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Known activity in the profiles, by the function that caused it; tests/net.sh checks
// these numbers.
const (
	serveContenders = 4       // goroutines in serveContendMutex, each waiting once
	serveBlockers   = 3       // goroutines in serveBlockOnChan, each blocking once
	serveRetained   = 16      // objects of serveObjectSize kept by serveRetainHeap
	serveObjectSize = 1 << 20 // bytes
)

var serveKept [][]byte

func runServe(addr string, timeout, leakEvery time.Duration) {
	runtime.MemProfileRate = 1 // every allocation sampled: exact counts for serveRetainHeap
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)

	t := newTracker()
	startAll(t)
	serveContendMutex(serveContenders)
	serveBlockOnChan(serveBlockers)
	serveRetainHeap(serveRetained)
	runtime.GC() // the heap profile shows the state as of the last GC
	time.Sleep(settle)

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	os.Stdout.Sync()
	if leakEvery > 0 {
		go serveLeak(leakEvery)
	}

	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	time.AfterFunc(timeout, func() {
		log.Printf("-serve-timeout %v passed; exiting", timeout)
		os.Exit(0)
	})
	log.Fatal(http.Serve(ln, nil))
}

// serveContendMutex makes n goroutines wait for a mutex held for 20 ms: mutex and
// block profile records whose stacks hold main.serveContendMutex.func1.
func serveContendMutex(n int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	mu.Lock()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			mu.Unlock()
		}()
	}
	serveWaitParked("main.serveContendMutex.func1", "semacquire", n)
	time.Sleep(20 * time.Millisecond)
	mu.Unlock()
	wg.Wait()
}

// serveBlockOnChan makes n goroutines block on a channel receive for 10 ms.
func serveBlockOnChan(n int) {
	ch := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ch
		}()
	}
	serveWaitParked("main.serveBlockOnChan.func1", "chan receive", n)
	time.Sleep(10 * time.Millisecond)
	for i := 0; i < n; i++ {
		ch <- i
	}
	wg.Wait()
}

// serveWaitParked waits (5 s at most) until n goroutines in fn are parked in state, so
// each of them is counted once in the mutex or block profile.
func serveWaitParked(fn, state string, n int) {
	buf := make([]byte, 4<<20)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		k := runtime.Stack(buf, true)
		parked := 0
		for _, g := range strings.Split(string(buf[:k]), "\n\n") {
			if strings.Contains(g, " ["+state) && strings.Contains(g, fn+"(") {
				parked++
			}
		}
		if parked >= n {
			return
		}
		time.Sleep(time.Millisecond)
	}
	log.Printf("serve: %d goroutines in %s did not reach %q", n, fn, state)
}

// serveRetainHeap keeps n objects of serveObjectSize bytes allocated in main.serveRetainHeap.
func serveRetainHeap(n int) {
	for i := 0; i < n; i++ {
		serveKept = append(serveKept, make([]byte, serveObjectSize))
	}
}

// serveLeak leaks one goroutine every interval: a handler waiting for a reply that
// never comes, the shape of the most common leak.
func serveLeak(every time.Duration) {
	for range time.Tick(every) {
		go serveLeakedHandler(make(chan int))
	}
}

func serveLeakedHandler(reply chan int) int {
	return <-reply
}
