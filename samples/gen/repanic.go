package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// repanic.txt: a crash whose panicking goroutine shows the runtime's panic frame as Go
// prints it, "panic({...})" without "runtime.", between a standard-library frame that
// recovered and panicked again (encoding/json's marshal) and the user's function that
// panicked first. gostacks must name that function as where, not "panic".
//
//	cd samples/gen && go run . -repanic-sample ..
//
// Its flags are registered here rather than in main.go and child.go, whose line
// numbers the other samples' frames name: they act while the flags are parsed.
func init() {
	flag.Func("repanic-sample", "write `DIR`/repanic.txt (a re-panicked crash) and exit", func(dir string) error {
		out, err := captureRepanic()
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "repanic.txt"), out, 0o644); err != nil {
			log.Fatal(err)
		}
		os.Exit(0)
		return nil
	})
	flag.Func("repanic-child", "internal: run as the repanic child (`MODE`: run)", func(string) error {
		runRepanicChild()
		return nil
	})
}

type order struct{ id int }

var errOutOfStock = errors.New("out of stock")

func (o *order) MarshalJSON() ([]byte, error) {
	reserveStock(o.id)
	return []byte("{}"), nil
}

func reserveStock(id int) {
	panic(fmt.Errorf("order %d: %w", id, errOutOfStock))
}

func encodeOrder(id int) {
	_, _ = json.Marshal(&order{id: id})
}

func waitForOrders(c chan int) {
	<-c
}

func runRepanicChild() {
	c := make(chan int)
	for i := 0; i < 4; i++ {
		go waitForOrders(c)
	}
	time.Sleep(200 * time.Millisecond)
	go encodeOrder(17)
	time.Sleep(30 * time.Second)
	os.Exit(3)
}

// captureRepanic runs the child under GOTRACEBACK=all and returns its stderr.
func captureRepanic() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "-repanic-child", "run")
	cmd.Env = tracebackAllEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		return nil, fmt.Errorf("repanic child: want exit status 2, got %v", err)
	}
	out := scrubPaths(stderr.Bytes())
	if !bytes.Contains(out, []byte("\npanic({")) || !bytes.HasPrefix(out, []byte("panic: ")) {
		return nil, fmt.Errorf("repanic child: no panic frame in:\n%s", out)
	}
	return out, nil
}
