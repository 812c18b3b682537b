// Command leakprog leaks goroutines for tests/leaks.sh, to be built by a Go 1.26 or later
// (1.26 with GOEXPERIMENT=goroutineleakprofile): its pprof server's goroutineleak profile
// must mark exactly the leaked ones. It starts -leak goroutines blocked sending on a channel
// only they can reach (leaked: the GC proves they never wake) and -live goroutines blocked
// receiving on a channel a global holds (blocked, not leaked), then serves net/http/pprof
// on 127.0.0.1. It prints "listening on ADDR" and exits when its stdin closes or -timeout
// passes.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"time"
)

var live = make(chan int) // reachable from a global: its receivers may still wake

//go:noinline
func leakySend(ch chan int) { ch <- 1 }

//go:noinline
func liveReceive() { <-live }

func main() {
	log.SetFlags(0)
	leak := flag.Int("leak", 5, "goroutines to leak")
	nlive := flag.Int("live", 3, "goroutines blocked on a live channel")
	timeout := flag.Duration("timeout", 5*time.Minute, "exit after this long even if stdin stays open")
	flag.Parse()
	for i := 0; i < *leak; i++ {
		go leakySend(make(chan int))
	}
	for i := 0; i < *nlive; i++ {
		go liveReceive()
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	time.AfterFunc(*timeout, func() { os.Exit(0) })
	log.Fatal(http.Serve(ln, nil))
}
