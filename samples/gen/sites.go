package main

import (
	"context"
	"net"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// A site is one place where the generator parks a known number of goroutines.
type site struct {
	name  string
	count int
	start func(t *tracker, name string, n int)
}

// sites lists every start site of the default mode, in start order. The counts
// are deliberate; samples/goroutine.facts repeats them next to the real frames.
var sites = []site{
	{"chan-recv", 7, startChanRecv},
	{"chan-send", 3, startChanSend},
	{"select", 5, startSelect},
	{"select-no-cases", 2, startSelectNoCases},
	{"nil-chan-recv", 4, startNilChanRecv},
	{"mutex-lock", 6, startMutexLock},
	{"rwmutex-rlock", 8, startRWMutexRLock},
	{"rwmutex-lock", 2, startRWMutexLock},
	{"waitgroup-wait", 10, startWaitGroupWait},
	{"cond-wait", 9, startCondWait},
	{"sleep", 12, startSleep},
	{"io-accept", 1, startAccept},
	{"io-read", 1, startRead},
	{"locked-thread", 1, startLockedThread},
	{"closure-func1", 3, startClosures}, // each func1 also starts 2 of func1.2
	{"closure-func1.2", 6, nil},         // started by closure-func1
	{"method-value", 4, startMethodValue},
	{"pointer-method", 5, startPointerMethod},
	{"generic-map", 3, startGenericMap},
	{"deep-recursion", 2, startDeepRecursion},
	{"labels-acme", 4, startLabelsAcme},
	{"labels-globex", 2, startLabelsGlobex},
}

// recursionDepth is deep enough for Go 1.19's 100-frame limit to elide frames.
const recursionDepth = 150

// Objects the blocked goroutines wait on. They stay referenced until exit.
var (
	never     = make(chan int) // only received from: nobody sends or closes
	noRecv    = make(chan int) // only sent to: nobody receives
	heldMu    sync.Mutex
	heldRWr   sync.RWMutex // write-locked: RLock blocks
	heldRWw   sync.RWMutex // read-locked: Lock blocks
	pendingWG sync.WaitGroup
	condMu    sync.Mutex
	cond      = sync.NewCond(&condMu)
	keepConns []net.Conn
	keepLns   []net.Listener
)

func startChanRecv(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		go recvWorker(t, name, never)
	}
}

func recvWorker(t *tracker, name string, ch chan int) {
	t.enter(name)
	<-ch
}

func startChanSend(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		go sendWorker(t, name, noRecv, i)
	}
}

func sendWorker(t *tracker, name string, ch chan int, v int) {
	t.enter(name)
	ch <- v
}

func startSelect(t *tracker, name string, n int) {
	a, b, c := make(chan int), make(chan string), make(chan struct{})
	for i := 0; i < n; i++ {
		go selectWorker(t, name, a, b, c)
	}
}

func selectWorker(t *tracker, name string, a chan int, b chan string, c chan struct{}) {
	t.enter(name)
	select {
	case <-a:
	case b <- "x":
	case <-c:
	case noRecv <- 1:
	}
}

func startSelectNoCases(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		go idleForever(t, name)
	}
}

func idleForever(t *tracker, name string) {
	t.enter(name)
	select {}
}

func startNilChanRecv(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		go nilRecvWorker(t, name)
	}
}

func nilRecvWorker(t *tracker, name string) {
	var ch chan int
	t.enter(name)
	<-ch
}

func startMutexLock(t *tracker, name string, n int) {
	heldMu.Lock()
	for i := 0; i < n; i++ {
		go mutexWaiter(t, name)
	}
}

func mutexWaiter(t *tracker, name string) {
	t.enter(name)
	heldMu.Lock()
}

func startRWMutexRLock(t *tracker, name string, n int) {
	heldRWr.Lock()
	for i := 0; i < n; i++ {
		go rlockWaiter(t, name)
	}
}

func rlockWaiter(t *tracker, name string) {
	t.enter(name)
	heldRWr.RLock()
}

func startRWMutexLock(t *tracker, name string, n int) {
	heldRWw.RLock()
	for i := 0; i < n; i++ {
		go wlockWaiter(t, name)
	}
}

func wlockWaiter(t *tracker, name string) {
	t.enter(name)
	heldRWw.Lock()
}

func startWaitGroupWait(t *tracker, name string, n int) {
	pendingWG.Add(1)
	for i := 0; i < n; i++ {
		go wgWaiter(t, name)
	}
}

func wgWaiter(t *tracker, name string) {
	t.enter(name)
	pendingWG.Wait()
}

func startCondWait(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		go condWaiter(t, name)
	}
}

func condWaiter(t *tracker, name string) {
	condMu.Lock()
	t.enter(name)
	for {
		cond.Wait()
	}
}

func startSleep(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		go sleeper(t, name)
	}
}

func sleeper(t *tracker, name string) {
	t.enter(name)
	time.Sleep(24 * time.Hour)
}

func startAccept(t *tracker, name string, n int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	keepLns = append(keepLns, ln)
	for i := 0; i < n; i++ {
		go acceptLoop(t, name, ln)
	}
}

func acceptLoop(t *tracker, name string, ln net.Listener) {
	t.enter(name)
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		keepConns = append(keepConns, c)
	}
}

// startRead connects to itself on 127.0.0.1 and reads from the server side;
// the client never writes, so the reader stays in IO wait.
func startRead(t *tracker, name string, n int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	for i := 0; i < n; i++ {
		client, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			panic(err)
		}
		server, err := ln.Accept()
		if err != nil {
			panic(err)
		}
		keepConns = append(keepConns, client, server)
		go readConn(t, name, server)
	}
}

func readConn(t *tracker, name string, c net.Conn) {
	buf := make([]byte, 512)
	t.enter(name)
	_, _ = c.Read(buf)
}

func startLockedThread(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		go lockedWorker(t, name)
	}
}

func lockedWorker(t *tracker, name string) {
	runtime.LockOSThread()
	t.enter(name)
	<-never
}

// startClosures starts n goroutines running the closure main.startClosures.func1;
// each starts two goroutines running the nested closure main.startClosures.func1.2
// (func1.1 is the helper closure declared first).
func startClosures(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		go func() {
			label := func() string { return name + ".2" }
			inner := label()
			for j := 0; j < 2; j++ {
				go func() {
					t.enter(inner)
					noRecv <- 1
				}()
			}
			t.enter(name)
			<-never
		}()
	}
}

type pump struct {
	t    *tracker
	name string
	in   chan int
}

func (p *pump) drain() {
	p.t.enter(p.name)
	<-p.in
}

// runFunc calls f; it is started with a method value (p.drain), whose -fm
// wrapper Go 1.19 hides in tracebacks.
func runFunc(f func()) { f() }

func startMethodValue(t *tracker, name string, n int) {
	p := &pump{t: t, name: name, in: never}
	for i := 0; i < n; i++ {
		go runFunc(p.drain)
	}
}

type server struct {
	t     *tracker
	name  string
	queue chan string
}

func (s *server) serve(id int) {
	s.t.enter(s.name)
	for req := range s.queue {
		_ = req
	}
}

func startPointerMethod(t *tracker, name string, n int) {
	s := &server{t: t, name: name, queue: make(chan string)}
	for i := 0; i < n; i++ {
		go s.serve(i)
	}
}

// Map is a generic function that blocks on gate before mapping in.
func Map[T any](t *tracker, name string, in []T, gate chan int, f func(T) T) []T {
	out := make([]T, 0, len(in))
	t.enter(name)
	<-gate
	for _, v := range in {
		out = append(out, f(v))
	}
	return out
}

func startGenericMap(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			go Map(t, name, []int{1, 2, 3}, never, func(v int) int { return 2 * v })
		} else {
			go Map(t, name, []string{"a"}, never, func(v string) string { return v + v })
		}
	}
}

func startDeepRecursion(t *tracker, name string, n int) {
	for i := 0; i < n; i++ {
		go recurse(t, name, recursionDepth, never)
	}
}

func recurse(t *tracker, name string, depth int, ch chan int) int {
	if depth <= 1 {
		t.enter(name)
		return <-ch
	}
	return recurse(t, name, depth-1, ch) + 1
}

func startLabelsAcme(t *tracker, name string, n int) {
	labels := pprof.Labels("tenant", "acme", "route", "/v1/cart")
	pprof.Do(context.Background(), labels, func(ctx context.Context) {
		for i := 0; i < n; i++ {
			go cartWorker(ctx, t, name)
		}
	})
}

func cartWorker(ctx context.Context, t *tracker, name string) {
	t.enter(name)
	select {
	case <-ctx.Done():
	case <-never:
	}
}

func startLabelsGlobex(t *tracker, name string, n int) {
	labels := pprof.Labels("tenant", "globex", "job", "reindex \"nightly\"")
	pprof.Do(context.Background(), labels, func(ctx context.Context) {
		for i := 0; i < n; i++ {
			go reindexWorker(t, name)
		}
	})
}

func reindexWorker(t *tracker, name string) {
	t.enter(name)
	<-never
}

// startAll starts every site and waits until each goroutine reached it.
func startAll(t *tracker) {
	for _, s := range sites {
		t.expect(s.count)
	}
	for _, s := range sites {
		if s.start != nil {
			s.start(t, s.name, s.count)
		}
	}
	t.ready.Wait()
}
