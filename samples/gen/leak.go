package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The leak series behind samples/series/: one process, dumped every few
// seconds, in which one site leaks goroutines at a known rate, one site keeps
// a constant count while its goroutines are replaced (new ids, new argument
// words), one site never changes, and one heap site retains a known number of
// bytes more at every step. `gostacks diff` and `gostacks trend` are tested
// on these files; series.facts holds what the generator knows about them.
//
//	cd samples/gen && go run . -leak-series ..
//
// Nothing is faked: every file is what runtime/pprof wrote at that moment.
// Wait minutes cannot be produced in seconds, so the series has no ", N
// minutes" and the `stuck` rule is tested on a hand-built model instead.

const (
	seriesPoints       = 5
	seriesInterval     = 3 * time.Second
	leakPerStep        = 5    // goroutines leaked per step (step 0 included)
	stableCount        = 8    // pollWorker goroutines, replaced at every step
	agingCount         = 4    // agingWorker goroutines, started once
	heapObjectsPerStep = 256  // retained per step by retainBlocks
	heapObjectSize     = 4096 // a size class of its own: no rounding
	churnObjects       = 200  // allocated and dropped per step by churn
	churnObjectSize    = 512
	seriesHost         = "localhost_6060" // HOST_PORT of `gostacks fetch` file names
)

// seriesStamp is the time format of `gostacks fetch` file names.
const seriesStamp = "20060102T150405Z"

var (
	leakChans []chan int // one per leaked goroutine: nobody ever sends
	retained  [][]byte   // retainBlocks' objects; capacity set once, never grows
	churnSink []byte
)

// leakyHandler is the leak: a request handler waiting for a reply that never
// comes, one fresh channel per request.
func leakyHandler(t *tracker, reqID int, reply chan int) int {
	t.enter("leak")
	return <-reply + reqID
}

// pollWorker is the stable site: the same number at every step, but each step
// stops them and starts new ones with other arguments.
func pollWorker(t *tracker, quit chan struct{}, done *sync.WaitGroup, gen int, token uint64) {
	defer done.Done()
	t.enter("stable-" + strconv.Itoa(gen))
	select {
	case <-quit:
	case <-never:
	}
	_ = token
}

// agingWorker is started once and never replaced.
func agingWorker(t *tracker) {
	t.enter("aging")
	<-never
}

// retainBlocks is the heap leak: n more objects kept for good at every step.
func retainBlocks(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, heapObjectSize)
		retained = append(retained, b)
	}
}

// churn allocates and drops: it shows in alloc_space, never in inuse_space.
func churn() {
	for i := 0; i < churnObjects; i++ {
		churnSink = make([]byte, churnObjectSize)
	}
	churnSink = nil
}

// seriesPoint is one moment of the series, as the runtime wrote it.
type seriesPoint struct {
	at                   time.Time
	debug2, debug1, heap []byte
}

type pollGen struct {
	quit chan struct{}
	done sync.WaitGroup
}

func startPollGen(t *tracker, gen int) *pollGen {
	p := &pollGen{quit: make(chan struct{})}
	t.expect(stableCount)
	p.done.Add(stableCount)
	for i := 0; i < stableCount; i++ {
		go pollWorker(t, p.quit, &p.done, gen, uint64(gen)<<32|uint64(0xbeef00+i))
	}
	return p
}

// runLeakSeries writes the series into dir/series.
func runLeakSeries(dir string) error {
	// Every allocation from here on is in the heap profile, so the heap
	// numbers are exact (the header says heap/2: no scaling).
	runtime.MemProfileRate = 1
	out := filepath.Join(dir, "series")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	// Earlier runs left files with other timestamps: remove what this mode writes.
	old, _ := filepath.Glob(filepath.Join(out, seriesHost+".*.txt*"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}

	t := newTracker()
	retained = make([][]byte, 0, seriesPoints*heapObjectsPerStep)
	stableBlocks := make([][]byte, 50)
	for i := range stableBlocks {
		stableBlocks[i] = make([]byte, 1024)
	}
	t.expect(agingCount)
	for i := 0; i < agingCount; i++ {
		go agingWorker(t)
	}
	t.ready.Wait()

	var logText strings.Builder
	var gen *pollGen
	var pts []seriesPoint
	var stableIDs [][]int64
	var names []string
	start := time.Now().Truncate(time.Second).Add(2 * time.Second)
	for step := 0; step < seriesPoints; step++ {
		for i := 0; i < leakPerStep; i++ {
			ch := make(chan int)
			leakChans = append(leakChans, ch)
			t.expect(1)
			go leakyHandler(t, step*1000+i, ch)
		}
		if gen != nil {
			close(gen.quit)
			gen.done.Wait()
		}
		gen = startPollGen(t, step)
		retainBlocks(heapObjectsPerStep)
		churn()
		t.ready.Wait()

		at := start.Add(time.Duration(step) * seriesInterval)
		if d := time.Until(at); d < settle {
			return fmt.Errorf("step %d: %v left before its dump time, need %v: the machine is too slow", step, d, settle)
		}
		time.Sleep(time.Until(at))

		// Only the dumps are taken here: checking and writing them would add
		// their own allocation stacks to every later heap profile.
		pts = append(pts, seriesPoint{at: at, debug2: goroutineProfile(2), debug1: goroutineProfile(1)})
		stableIDs = append(stableIDs, t.ids("stable-"+strconv.Itoa(step)))
		runtime.GC() // the heap profile shows the state as of the last GC
		pts[step].heap = heapProfile()
	}
	runtime.KeepAlive(stableBlocks)

	var prevStable map[int64]bool
	for step, p := range pts {
		debug2, debug1, heap := scrubPaths(p.debug2), scrubPaths(p.debug1), scrubPaths(p.heap)
		stable, err := checkSeriesDump(stableIDs[step], step, string(debug2), prevStable)
		if err != nil {
			return err
		}
		prevStable = stable
		if err := checkHeapDump(step, string(heap)); err != nil {
			return err
		}
		stamp := p.at.UTC().Format(seriesStamp)
		// With MemProfileRate 1 the heap profile also records every stack that
		// wrote a profile before it (a few hundred KiB of text): kept gzipped.
		heapGz, err := gzipBytes(heap)
		if err != nil {
			return err
		}
		for _, f := range []struct {
			profile, ext string
			data         []byte
		}{{"goroutine", ".txt", debug2}, {"goroutine1", ".txt", debug1}, {"heap", ".txt.gz", heapGz}} {
			name := seriesHost + "." + f.profile + "." + stamp + f.ext
			if err := writeFile(out, name, f.data); err != nil {
				return err
			}
			// the fetch time, as `gostacks fetch` leaves it
			if err := os.Chtimes(filepath.Join(out, name), p.at, p.at); err != nil {
				return err
			}
			names = append(names, name)
		}
		fmt.Fprintf(&logText, "%s INFO gen: goroutine dump %d of %d follows\n", p.at.UTC().Format(time.RFC3339), step+1, seriesPoints)
		logText.Write(debug2)
		logText.WriteString("\n")
	}

	if err := writeFile(out, "leak.log", []byte(logText.String())); err != nil {
		return err
	}
	perMinute := float64(leakPerStep) * float64(time.Minute) / float64(seriesInterval)
	facts := []string{
		"# gostacks series facts, written by samples/gen -leak-series; see samples/series/README.md",
		"go " + runtime.Version(),
		"points " + strconv.Itoa(seriesPoints),
		"interval_seconds " + strconv.Itoa(int(seriesInterval/time.Second)),
		"first " + start.UTC().Format(seriesStamp),
		"leak_func main.leakyHandler",
		"leak_per_step " + strconv.Itoa(leakPerStep),
		"leak_per_minute " + strconv.FormatFloat(perMinute, 'f', -1, 64),
		"leak_first " + strconv.Itoa(leakPerStep),
		"leak_last " + strconv.Itoa(leakPerStep*seriesPoints),
		"stable_func main.pollWorker",
		"stable_count " + strconv.Itoa(stableCount),
		"aging_func main.agingWorker",
		"aging_count " + strconv.Itoa(agingCount),
		"heap_func main.retainBlocks",
		"heap_objects_per_step " + strconv.Itoa(heapObjectsPerStep),
		"heap_bytes_per_step " + strconv.Itoa(heapObjectsPerStep*heapObjectSize),
		"churn_func main.churn",
	}
	for _, n := range names {
		facts = append(facts, "file "+n)
	}
	return writeFile(out, "series.facts", []byte(strings.Join(facts, "\n")+"\n"))
}

// gzipBytes compresses without a name or time in the header, so the bytes
// depend only on the data.
func gzipBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func heapProfile() []byte {
	var b strings.Builder
	if err := pprof.Lookup("heap").WriteTo(&b, 1); err != nil {
		panic(err)
	}
	return []byte(b.String())
}

// checkSeriesDump checks one debug=2 dump against what the step started and
// returns the ids of the stable goroutines, which must all be new.
func checkSeriesDump(stableIDs []int64, step int, dump string, prev map[int64]bool) (map[int64]bool, error) {
	count := map[string]int{}
	ids := map[int64]string{}
	for _, g := range parseDump(dump) {
		fn := g.mainFrame().fn
		count[fn]++
		ids[g.id] = fn
	}
	want := map[string]int{
		"main.leakyHandler": leakPerStep * (step + 1),
		"main.pollWorker":   stableCount,
		"main.agingWorker":  agingCount,
	}
	for fn, n := range want {
		if count[fn] != n {
			return nil, fmt.Errorf("step %d: %d goroutines in %s, want %d", step, count[fn], fn, n)
		}
	}
	stable := map[int64]bool{}
	for _, id := range stableIDs {
		if ids[id] != "main.pollWorker" {
			return nil, fmt.Errorf("step %d: stable goroutine %d missing from the dump", step, id)
		}
		if prev[id] {
			return nil, fmt.Errorf("step %d: stable goroutine %d was not replaced", step, id)
		}
		stable[id] = true
	}
	return stable, nil
}

// checkHeapDump checks that retainBlocks holds exactly what it was given:
// MemProfileRate is 1, so the in-use objects are not sampled but counted.
func checkHeapDump(step int, heap string) error {
	if !strings.Contains(heap, "@ heap/2\n") {
		return fmt.Errorf("step %d: heap profile is not unsampled (want heap/2): %.60q", step, heap)
	}
	objects, bytes := 0, 0
	var inuseObj, inuseBytes int
	sc := bufio.NewScanner(strings.NewReader(heap))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	inRecord := false
	for sc.Scan() {
		line := sc.Text()
		if n, _ := fmt.Sscanf(line, "%d: %d [", &inuseObj, &inuseBytes); n == 2 {
			inRecord = true
			continue
		}
		if line == "" {
			inRecord = false
			continue
		}
		// the first frame of the record that names a main function decides
		if inRecord && strings.HasPrefix(line, "#\t") {
			f := strings.Fields(line)
			if len(f) >= 3 && strings.HasPrefix(f[2], "main.") {
				if strings.HasPrefix(f[2], "main.retainBlocks+") {
					objects += inuseObj
					bytes += inuseBytes
				}
				inRecord = false
			}
		}
	}
	wantObj := heapObjectsPerStep * (step + 1)
	if objects != wantObj || bytes != wantObj*heapObjectSize {
		return fmt.Errorf("step %d: retainBlocks holds %d objects, %d bytes; want %d, %d",
			step, objects, bytes, wantObj, wantObj*heapObjectSize)
	}
	return nil
}
