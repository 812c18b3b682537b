// Command gen writes the sample goroutine dumps in samples/ and big dumps for
// the benchmark. Everything it writes comes from real Go runtime output: its
// own goroutines, parked in known states, dumped with runtime/pprof.
//
//	cd samples/gen && go run . -out ..                      # samples + facts
//	cd samples/gen && go run . -bench-dump F -size-mb N -stacks K  # benchmark input
//	cd samples/gen && go run . -serve 127.0.0.1:0                  # pprof server (serve.go)
//	cd samples/gen && go run . -serve 127.0.0.1:0 -serve-leak 200ms  # ... that leaks
//	cd samples/gen && go run . -leak-series ..              # samples/series (leak.go)
//
// See samples/README.md for what each file is.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// neutralSrcDir replaces the directory of this program's source files in
// everything written, so no sample carries the path of the machine's checkout.
const neutralSrcDir = "/build/gostacks/samples/gen"

var srcDir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.ToSlash(filepath.Dir(file))
}()

// scrubPaths rewrites the checkout directory of samples/gen to neutralSrcDir.
func scrubPaths(b []byte) []byte {
	if srcDir == "" || srcDir == "." {
		return b
	}
	return []byte(strings.ReplaceAll(string(b), srcDir+"/", neutralSrcDir+"/"))
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	out := flag.String("out", "..", "directory to write the samples and facts into (.. is samples/ when run in samples/gen)")
	child := flag.String("child", "", "internal: run as the `panic` or `sigquit` child process")
	benchDump := flag.String("bench-dump", "", "write a big dump built from real stacks to `FILE`")
	sizeMB := flag.Int("size-mb", 100, "with -bench-dump: size of FILE in MiB")
	stacks := flag.Int("stacks", 200, "with -bench-dump: number of distinct real stacks")
	benchFacts := flag.String("bench-facts", "", "with -bench-dump: write goroutine and stack counts to `FILE`")
	leakSeries := flag.String("leak-series", "", "write the leak series (goroutine and heap dumps a few seconds apart) into `DIR`/series")
	serve := flag.String("serve", "", "serve /debug/pprof on `ADDR` (e.g. 127.0.0.1:0) with the sites parked (serve.go)")
	serveTimeout := flag.Duration("serve-timeout", 5*time.Minute, "with -serve: exit after this long even if stdin stays open")
	serveLeak := flag.Duration("serve-leak", 0, "with -serve: leak one more goroutine in main.serveLeakedHandler every `DUR` (0: none)")
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}

	// The dumps must be taken at the default traceback level ("all"): a
	// higher level from the environment would add runtime frames and fp/sp.
	if tb := os.Getenv("GOTRACEBACK"); tb != "" && tb != "all" && tb != "1" && tb != "single" {
		log.Fatalf("unset GOTRACEBACK (it is %q); the samples need the default level", tb)
	}
	debug.SetTraceback("all")

	switch {
	case *child != "":
		runChild(*child)
	case *serve != "":
		runServe(*serve, *serveTimeout, *serveLeak)
	case *benchDump != "":
		if *sizeMB < 1 || *stacks < 1 {
			log.Fatal("-size-mb and -stacks must be at least 1")
		}
		runBench(*benchDump, *sizeMB, *stacks, *benchFacts)
	case *leakSeries != "":
		if err := runLeakSeries(*leakSeries); err != nil {
			log.Fatal(err)
		}
	default:
		if err := runSamples(*out); err != nil {
			log.Fatal(err)
		}
	}
}

// writeFile writes data to dir/name and reports it on stderr.
func writeFile(dir, name string, data []byte) error {
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %s (%d bytes)\n", path, len(data))
	return nil
}
