package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// The child processes behind panic.txt and sigquit.txt: the generator runs
// itself again with -child and GOTRACEBACK=all and keeps the real stderr.

// childSites are the goroutines parked in each child besides main.
var childSites = []site{
	{"chan-recv", 3, startChanRecv},
	{"sleep", 2, startSleep},
	{"select", 1, startSelect},
}

func childStarted() int {
	n := 0
	for _, s := range childSites {
		n += s.count
	}
	return n
}

func runChild(mode string) {
	if mode != "panic" && mode != "sigquit" && !runProfilesMode(mode) {
		log.Fatalf("unknown -child %q", mode)
	}
	t := newTracker()
	for _, s := range childSites {
		t.expect(s.count)
	}
	for _, s := range childSites {
		s.start(t, s.name, s.count)
	}
	t.ready.Wait()
	time.Sleep(200 * time.Millisecond)
	if mode == "panic" {
		go paymentWorker(4711)
	} else {
		fmt.Println("ready")
	}
	// Only reached if the panic or the signal did not end the process.
	time.Sleep(30 * time.Second)
	os.Exit(3)
}

type declinedError struct{ order int }

func (e *declinedError) Error() string {
	return fmt.Sprintf("payment worker: order %d: card declined", e.order)
}

func paymentWorker(order int) {
	chargeCard(order, 1999)
}

func chargeCard(order, cents int) {
	if cents > 0 {
		panic(&declinedError{order: order})
	}
}

// captureChild runs the child and returns its stderr; it must exit with 2.
func captureChild(mode string) ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "-child", mode)
	cmd.Env = tracebackAllEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	timer := time.AfterFunc(20*time.Second, func() { _ = cmd.Process.Kill() })
	defer timer.Stop()

	if mode == "sigquit" {
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil || line != "ready\n" {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return nil, fmt.Errorf("sigquit child: no ready line (%q, %v)", line, err)
		}
		time.Sleep(100 * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGQUIT); err != nil {
			return nil, err
		}
	}
	_, _ = bufio.NewReader(stdout).ReadString(0) // drain until exit
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		return nil, fmt.Errorf("%s child: want exit status 2, got %v; stderr:\n%s", mode, err, stderr.Bytes())
	}
	return scrubPaths(stderr.Bytes()), nil
}

// checkChildren checks the captured outputs and returns their facts.
func checkChildren(panicOut, sigquitOut []byte) ([]string, error) {
	if !bytes.HasPrefix(panicOut, []byte("panic: ")) {
		return nil, fmt.Errorf("panic.txt does not start with \"panic: \"")
	}
	p := parseDump(string(panicOut))
	if len(p) != childStarted()+2 || p[0].state != "running" {
		return nil, fmt.Errorf("panic.txt: %d goroutines, want %d, first one running", len(p), childStarted()+2)
	}
	if !bytes.HasPrefix(sigquitOut, []byte("SIGQUIT: quit\n")) {
		return nil, fmt.Errorf("sigquit.txt does not start with \"SIGQUIT: quit\"")
	}
	q := parseDump(string(sigquitOut))
	user := 0
	for _, g := range q {
		if g.mainFrame().fn != "?" {
			user++
		}
	}
	if user != childStarted()+1 {
		return nil, fmt.Errorf("sigquit.txt: %d goroutines with a frame in main, want %d", user, childStarted()+1)
	}
	return []string{
		fmt.Sprintf("panic_goroutines %d", len(p)),
		fmt.Sprintf("panic_where %s %s", p[0].where().fn, p[0].where().loc()),
		fmt.Sprintf("sigquit_goroutines %d", len(q)),
		fmt.Sprintf("sigquit_user_goroutines %d", user),
	}, nil
}

// tracebackAllEnv is this process's environment with GOTRACEBACK=all, for a child
// whose crash must print every goroutine whatever the caller's setting. (Below the
// functions whose lines the samples name, so none of them moves.)
func tracebackAllEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOTRACEBACK=") {
			env = append(env, kv)
		}
	}
	return append(env, "GOTRACEBACK=all")
}
