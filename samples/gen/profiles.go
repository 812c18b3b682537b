package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The debug=1 profile samples: heap, allocs, mutex, block and threadcreate.
//
// They are written by a child process (gen -child profiles), so that the
// parked goroutines, listeners and allocations of the goroutine samples stay
// out of them. The child sets MemProfileRate=1 before the sites allocate:
// then every allocation is a sample, so a heap record's numbers are exactly
// what its site allocated. (GODEBUG=memprofilerate=1 would be earlier, but Go
// 1.19 overwrites it when package runtime initialises.) Mutex and block
// profiling record every event (fraction and rate 1), and every site's
// goroutines are seen parked before they are released, so each one blocks,
// and is recorded, exactly once.

// The profile files, in the order they are written.
var profileFiles = []string{
	"heap.debug1.txt",
	"allocs.debug1.txt",
	"mutex.debug1.txt",
	"block.debug1.txt",
	"threadcreate.debug1.txt",
}

// An allocation site: n objects of size bytes from one line, keep of them retained.
type allocSite struct {
	fn       string
	n, size  int
	keep     int
	allocate func(n, size, keep int)
}

// The sizes are size classes (64, 256, 4096) or whole pages (1 MiB), so the
// runtime records exactly n*size bytes.
var allocSites = []*allocSite{
	{fn: "main.allocSmallKept", n: 1000, size: 64, keep: 1000, allocate: allocSmallKept},
	{fn: "main.allocPagesKept", n: 100, size: 4096, keep: 100, allocate: allocPagesKept},
	{fn: "main.allocLargeKept", n: 8, size: 1 << 20, keep: 8, allocate: allocLargeKept},
	{fn: "main.allocHalfKept", n: 200, size: 256, keep: 100, allocate: allocHalfKept},
	{fn: "main.allocDropped", n: 500, size: 128, keep: 0, allocate: allocDropped},
}

var (
	profKeptSmall [1000][]byte
	profKeptPages [100][]byte
	profKeptLarge [8][]byte
	profKeptHalf  [100][]byte
	profChurnSink []byte
)

//go:noinline
func allocSmallKept(n, size, keep int) {
	for i := 0; i < n; i++ {
		profKeptSmall[i] = make([]byte, 64)
	}
}

//go:noinline
func allocPagesKept(n, size, keep int) {
	for i := 0; i < n; i++ {
		profKeptPages[i] = make([]byte, 4096)
	}
}

//go:noinline
func allocLargeKept(n, size, keep int) {
	for i := 0; i < n; i++ {
		profKeptLarge[i] = make([]byte, 1<<20)
	}
}

// allocHalfKept allocates n objects at one line and keeps every second one, so its
// record has in-use values half its allocated ones.
//
//go:noinline
func allocHalfKept(n, size, keep int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 256)
		if i%2 == 0 {
			profKeptHalf[i/2] = b
		}
	}
}

// allocDropped allocates n objects and keeps none: in use 0, allocated n.
//
//go:noinline
func allocDropped(n, size, keep int) {
	for i := 0; i < n; i++ {
		profChurnSink = make([]byte, 128)
	}
	profChurnSink = nil
}

// A contention site: n goroutines park at wait and are released by release.
type contentionSite struct {
	fn string // the function the record is known by (its first frame in package main)
	n  int
}

// Mutex records are the unlocker's stack: releaseLocksA and releaseLocksB
// each unlock n locks that have one sleeping waiter, one event per unlock.
var mutexSites = []*contentionSite{
	{fn: "main.releaseLocksA", n: 5},
	{fn: "main.releaseLocksB", n: 3},
}

// Block records are the blocked goroutine's stack. The lock waiters of the
// mutex sites block once each too.
var blockSites = []*contentionSite{
	{fn: "main.lockWaiterA", n: 5},
	{fn: "main.lockWaiterB", n: 3},
	{fn: "main.blockRecv", n: 4},
	{fn: "main.blockSelect", n: 2},
}

// runProfilesMode runs gen -child profiles -out DIR and exits; for any other
// mode it returns false. (runChild calls it inside an existing condition, so
// that no line of child.go moves: panic.txt's frames name its lines.)
func runProfilesMode(mode string) bool {
	if mode != "profiles" {
		return false
	}
	if err := runProfilesChild(flag.Lookup("out").Value.String()); err != nil {
		log.Fatal(err)
	}
	os.Exit(0)
	return true
}

// runProfilesChild makes the profile samples and profiles.facts in dir.
func runProfilesChild(dir string) error {
	runtime.MemProfileRate = 1
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)

	// No collection while the sites allocate: a GC started inside one would
	// allocate too, and its record, whose runtime frames are hidden, would
	// print the same frames as the site's.
	gcPercent := debug.SetGCPercent(-1)
	for _, s := range allocSites {
		s.allocate(s.n, s.size, s.keep)
	}
	debug.SetGCPercent(gcPercent)
	var wg sync.WaitGroup
	runLockSite(&wg, "main.lockWaiterA", 5, lockWaiterA, releaseLocksA)
	runLockSite(&wg, "main.lockWaiterB", 3, lockWaiterB, releaseLocksB)
	runRecvSite(&wg, 4)
	runSelectSite(&wg, 2)
	wg.Wait()
	startLockedThreads(3)

	// Two full cycles: the heap profile is the state as of the last completed
	// GC, and frees are published once the sweep that found them is done.
	runtime.GC()
	runtime.GC()

	texts := map[string][]byte{}
	for i, name := range []string{"heap", "allocs", "mutex", "block", "threadcreate"} {
		var b bytes.Buffer
		if err := pprof.Lookup(name).WriteTo(&b, 1); err != nil {
			return err
		}
		texts[profileFiles[i]] = scrubPaths(b.Bytes())
	}
	facts, err := profileFacts(texts)
	if err != nil {
		return err
	}
	for name, data := range texts {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "profiles.facts"), []byte(strings.Join(facts, "\n")+"\n"), 0o644)
}

// waitParked polls the goroutine dump until n goroutines with fn in their
// stack show state: only then is each sure to block, and be recorded, once.
func waitParked(fn, state string, n int) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := 0
		for _, g := range parseDump(string(allStacks())) {
			if g.state != state {
				continue
			}
			for _, f := range g.frames {
				if f.fn == fn {
					got++
					break
				}
			}
		}
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			panic(fmt.Sprintf("profiles: %d goroutines in %s [%s], want %d", got, fn, state, n))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// runLockSite holds n locks, starts one waiter per lock, waits until all
// sleep in Lock, then lets release unlock them.
func runLockSite(wg *sync.WaitGroup, waiterFn string, n int, waiter func(*sync.Mutex, *sync.WaitGroup), release func([]*sync.Mutex)) {
	locks := make([]*sync.Mutex, n)
	for i := range locks {
		locks[i] = new(sync.Mutex)
		locks[i].Lock()
	}
	wg.Add(n)
	for _, mu := range locks {
		go waiter(mu, wg)
	}
	waitParked(waiterFn, "semacquire", n)
	release(locks)
}

//go:noinline
func lockWaiterA(mu *sync.Mutex, wg *sync.WaitGroup) {
	mu.Lock()
	mu.Unlock()
	wg.Done()
}

//go:noinline
func lockWaiterB(mu *sync.Mutex, wg *sync.WaitGroup) {
	mu.Lock()
	mu.Unlock()
	wg.Done()
}

//go:noinline
func releaseLocksA(locks []*sync.Mutex) {
	for _, mu := range locks {
		mu.Unlock()
	}
}

//go:noinline
func releaseLocksB(locks []*sync.Mutex) {
	for _, mu := range locks {
		mu.Unlock()
	}
}

func runRecvSite(wg *sync.WaitGroup, n int) {
	ch := make(chan int)
	wg.Add(n)
	for i := 0; i < n; i++ {
		go blockRecv(ch, wg)
	}
	waitParked("main.blockRecv", "chan receive", n)
	for i := 0; i < n; i++ {
		ch <- i
	}
}

//go:noinline
func blockRecv(ch chan int, wg *sync.WaitGroup) {
	<-ch
	wg.Done()
}

func runSelectSite(wg *sync.WaitGroup, n int) {
	a, b := make(chan int), make(chan string)
	wg.Add(n)
	for i := 0; i < n; i++ {
		go blockSelect(a, b, wg)
	}
	waitParked("main.blockSelect", "select", n)
	close(a)
}

//go:noinline
func blockSelect(a chan int, b chan string, wg *sync.WaitGroup) {
	select {
	case <-a:
	case <-b:
	}
	wg.Done()
}

// startLockedThreads parks n goroutines locked to their threads, so the
// process needs more threads than its Ps and threadcreate shows them.
func startLockedThreads(n int) {
	var ready sync.WaitGroup
	ready.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			runtime.LockOSThread()
			ready.Done()
			select {}
		}()
	}
	ready.Wait()
	waitParked("main.startLockedThreads.func1", "select (no cases)", n)
}

var (
	heapHeaderRE   = regexp.MustCompile(`^heap profile: (\d+): (\d+) \[(\d+): (\d+)\] @ heap/(\d+)$`)
	heapRecordRE   = regexp.MustCompile(`^(\d+): (\d+) \[(\d+): (\d+)\] @( 0x[0-9a-f]+)+$`)
	contRecordRE   = regexp.MustCompile(`^(\d+) (\d+) @( 0x[0-9a-f]+)+$`)
	countHeaderRE  = regexp.MustCompile(`^threadcreate profile: total (\d+)$`)
	countRecordRE  = regexp.MustCompile(`^(\d+) @( 0x[0-9a-f]+)*$`) // Go 1.19 prints "8 @" with no PCs for most threads
	profileFrameRE = regexp.MustCompile(`^#\t+0x[0-9a-f]+\t+(.+)\+0x[0-9a-f]+\t+(.+):(\d+)$`)
)

// A debug=1 record as this program reads it: the numbers before "@" and the
// frames.
type profRecord struct {
	v      []int64
	frames []frame
}

// mainFrame is the record's first frame in package main.
func (r *profRecord) mainFrame() frame {
	for _, f := range r.frames {
		if pkgOf(f.fn) == "main" {
			return f
		}
	}
	return frame{fn: "?", file: "?"}
}

func atoi64(s string) int64 {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return v
}

// parseProfile reads the records matched by re (the numbers are its first
// groups) and their frame lines.
func parseProfile(text string, re *regexp.Regexp, nums int) []*profRecord {
	var out []*profRecord
	var cur *profRecord
	for _, line := range strings.Split(text, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			cur = &profRecord{}
			for i := 1; i <= nums; i++ {
				cur.v = append(cur.v, atoi64(m[i]))
			}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			continue
		}
		if m := profileFrameRE.FindStringSubmatch(line); m != nil {
			ln, _ := strconv.Atoi(m[3])
			cur.frames = append(cur.frames, frame{fn: m[1], file: m[2], line: ln})
		} else if line == "" {
			cur = nil
		}
	}
	return out
}

// siteRecords returns the records whose first frame in package main is fn.
func siteRecords(recs []*profRecord, fn string) []*profRecord {
	var out []*profRecord
	for _, r := range recs {
		if r.mainFrame().fn == fn {
			out = append(out, r)
		}
	}
	return out
}

// profileFacts checks the profiles against the sites and returns the fact lines.
func profileFacts(texts map[string][]byte) ([]string, error) {
	facts := []string{
		"# gostacks profile sample facts, written by samples/gen; see samples/README.md",
		"go " + runtime.Version(),
		"memprofilerate " + strconv.Itoa(runtime.MemProfileRate),
	}
	for _, name := range []string{"heap", "allocs"} {
		text := string(texts[name+".debug1.txt"])
		first := strings.SplitN(text, "\n", 2)[0]
		h := heapHeaderRE.FindStringSubmatch(first)
		if h == nil {
			return nil, fmt.Errorf("%s: header %q", name, first)
		}
		if h[5] != strconv.Itoa(2*runtime.MemProfileRate) {
			return nil, fmt.Errorf("%s: header rate %s, want 2 x MemProfileRate", name, h[5])
		}
		recs := parseProfile(text, heapRecordRE, 4)
		var sum [4]int64
		for _, r := range recs {
			for i := range sum {
				sum[i] += r.v[i]
			}
		}
		for i := range sum {
			if sum[i] != atoi64(h[i+1]) {
				return nil, fmt.Errorf("%s: records sum to %v, header %q", name, sum, first)
			}
		}
		facts = append(facts, fmt.Sprintf("%s_header %s %s %s %s %s", name, h[1], h[2], h[3], h[4], h[5]))
		facts = append(facts, fmt.Sprintf("%s_records %d", name, len(recs)))
		for _, s := range allocSites {
			rs := siteRecords(recs, s.fn)
			if len(rs) != 1 {
				return nil, fmt.Errorf("%s: %d records for %s, want 1", name, len(rs), s.fn)
			}
			want := []int64{int64(s.keep), int64(s.keep * s.size), int64(s.n), int64(s.n * s.size)}
			for i := range want {
				if rs[0].v[i] != want[i] {
					return nil, fmt.Errorf("%s: %s has %v, want %v", name, s.fn, rs[0].v, want)
				}
			}
			f := rs[0].mainFrame()
			facts = append(facts, fmt.Sprintf("%s_site %s %s %d %d %d %d", name, f.fn, f.loc(), want[0], want[1], want[2], want[3]))
		}
	}
	for _, p := range []struct {
		name  string
		sites []*contentionSite
	}{{"mutex", mutexSites}, {"block", blockSites}} {
		text := string(texts[p.name+".debug1.txt"])
		recs := parseProfile(text, contRecordRE, 2)
		var count, cycles int64
		for _, r := range recs {
			cycles += r.v[0]
			count += r.v[1]
		}
		facts = append(facts, fmt.Sprintf("%s_records %d", p.name, len(recs)))
		facts = append(facts, fmt.Sprintf("%s_sum %d %d", p.name, count, cycles))
		for _, s := range p.sites {
			rs := siteRecords(recs, s.fn)
			var n int64
			for _, r := range rs {
				n += r.v[1]
			}
			if len(rs) != 1 || n != int64(s.n) {
				return nil, fmt.Errorf("%s: %s has %d records with %d events, want 1 record with %d", p.name, s.fn, len(rs), n, s.n)
			}
			f := rs[0].mainFrame()
			facts = append(facts, fmt.Sprintf("%s_site %s %s %d", p.name, f.fn, f.loc(), s.n))
		}
	}
	text := string(texts["threadcreate.debug1.txt"])
	h := countHeaderRE.FindStringSubmatch(strings.SplitN(text, "\n", 2)[0])
	if h == nil {
		return nil, fmt.Errorf("threadcreate: header not found")
	}
	recs := parseProfile(text, countRecordRE, 1)
	var sum int64
	for _, r := range recs {
		sum += r.v[0]
	}
	if sum != atoi64(h[1]) {
		return nil, fmt.Errorf("threadcreate: records sum to %d, header total %s", sum, h[1])
	}
	if sum < 4 {
		return nil, fmt.Errorf("threadcreate: total %d, want at least the 3 locked threads and main's", sum)
	}
	facts = append(facts, "threadcreate_total "+h[1], fmt.Sprintf("threadcreate_records %d", len(recs)))
	return facts, nil
}

// captureProfiles runs the profiles child and returns its files, by name,
// profiles.facts among them.
func captureProfiles() (map[string][]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "gen-profiles")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command(exe, "-child", "profiles", "-out", tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("profiles child: %v\n%s", err, out)
	}
	files := map[string][]byte{}
	for _, name := range append(append([]string(nil), profileFiles...), "profiles.facts") {
		data, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			return nil, err
		}
		files[name] = data
	}
	return files, nil
}
