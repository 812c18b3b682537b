// Command leakserver serves saved goroutineleak profiles as a Go 1.26+ pprof server would,
// on 127.0.0.1 only, for tests/leaks.sh: /debug/pprof/goroutineleak?debug=1 and ?debug=2
// (and goroutine?debug=2, the same dump: a mark stays on the goroutine). A second port is
// the net/http/pprof of the Go that built this program: before 1.26 it has no
// goroutineleak profile and answers 404, as an older server does. It prints "listening on
// ADDR" and "pprof on ADDR" and exits when its stdin closes or -timeout passes.
//
//	leakserver -leak1 FILE -leak2 FILE
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"time"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("leakserver: ")
	leak1 := flag.String("leak1", "", "goroutineleak?debug=1 `FILE` (required)")
	leak2 := flag.String("leak2", "", "goroutineleak?debug=2 `FILE` (required)")
	timeout := flag.Duration("timeout", 5*time.Minute, "exit after this long even if stdin stays open")
	flag.Parse()
	if *leak1 == "" || *leak2 == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	debug1, err := os.ReadFile(*leak1)
	if err != nil {
		log.Fatal(err)
	}
	debug2, err := os.ReadFile(*leak2)
	if err != nil {
		log.Fatal(err)
	}
	serve := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if r.URL.Path == "/debug/pprof/goroutineleak" && r.URL.Query().Get("debug") == "1" {
			w.Write(debug1)
			return
		}
		if r.URL.Query().Get("debug") != "2" {
			http.Error(w, "ask for debug=1 or debug=2", http.StatusBadRequest)
			return
		}
		w.Write(debug2)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/goroutineleak", serve)
	mux.HandleFunc("/debug/pprof/goroutine", serve)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	// the real pprof handlers of this Go: an old server's answer to goroutineleak
	old := http.NewServeMux()
	old.HandleFunc("/debug/pprof/", pprof.Index)
	oldLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(oldLn, old)
	fmt.Printf("pprof on %s\nlistening on %s\n", oldLn.Addr(), ln.Addr())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	time.AfterFunc(*timeout, func() { os.Exit(0) })
	log.Fatal(http.Serve(ln, mux))
}
