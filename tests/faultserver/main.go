// Command faultserver serves the ways an HTTP fetch goes wrong, on 127.0.0.1 only, for
// tests/net.sh. One process: a main port with one path per fault, an "alt" port (a
// redirect target), an optional TLS port with a self-signed certificate, and -fleet N
// more ports whose every path replies with the dump after -delay. It prints one line per
// listener on stdout ("listening on ADDR", "alt on ADDR", "tls on ADDR", "fleet ADDR...")
// and exits when its stdin closes or -timeout passes.
//
//	faultserver -dump ../samples/goroutine.debug2.txt [-fleet 50 -delay 300ms] [-tls-cert FILE]
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

var (
	dump    []byte
	altAddr string

	hitsMu sync.Mutex
	hits   = map[string]int{}
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("faultserver: ")
	dumpFile := flag.String("dump", "", "the profile text to serve (required)")
	fleet := flag.Int("fleet", 0, "listen on `N` more ports that serve the dump after -delay")
	delay := flag.Duration("delay", 300*time.Millisecond, "with -fleet: delay before each reply")
	tlsCert := flag.String("tls-cert", "", "also serve TLS with a new self-signed certificate for 127.0.0.1, written to `FILE` (PEM)")
	timeout := flag.Duration("timeout", 5*time.Minute, "exit after this long even if stdin stays open")
	flag.Parse()
	if *dumpFile == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	var err error
	if dump, err = os.ReadFile(*dumpFile); err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	routes(mux)
	handler := proxyAware(counting(mux))

	primary := listen()
	alt := listen()
	altAddr = alt.Addr().String()
	go serve(primary, handler)
	go serve(alt, handler)
	fmt.Printf("listening on %s\n", primary.Addr())
	fmt.Printf("alt on %s\n", altAddr)

	if *tlsCert != "" {
		cfg, err := selfSigned(*tlsCert)
		if err != nil {
			log.Fatal(err)
		}
		ln := listen()
		go serve(tls.NewListener(ln, cfg), handler)
		fmt.Printf("tls on %s\n", ln.Addr())
	}
	if *fleet > 0 {
		slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(*delay)
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write(dump)
		})
		addrs := make([]string, *fleet)
		for i := range addrs {
			ln := listen()
			addrs[i] = ln.Addr().String()
			go serve(ln, slow)
		}
		fmt.Printf("fleet %s\n", strings.Join(addrs, " "))
	}
	os.Stdout.Sync()

	time.AfterFunc(*timeout, func() {
		log.Printf("-timeout %v passed; exiting", *timeout)
		os.Exit(0)
	})
	io.Copy(io.Discard, os.Stdin)
}

func listen() net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	return ln
}

func serve(ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ErrorLog: log.New(io.Discard, "", 0)}
	srv.Serve(ln)
}

// counting counts requests per path and ?key= so tests can ask how often a path was
// tried (/hits?path=/404&key=k).
func counting(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/hits" {
			hitsMu.Lock()
			hits[r.URL.Path+"?"+r.URL.Query().Get("key")]++
			hitsMu.Unlock()
		}
		h.ServeHTTP(w, r)
	})
}

// proxyAware answers a proxy request (absolute URL in the request line, as a client
// sends it to its proxy) itself: the test proxy never contacts the named host.
func proxyAware(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.IsAbs() {
			hitsMu.Lock()
			hits["proxy?"+r.URL.Host]++
			hitsMu.Unlock()
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write(dump)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func text(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
}

// hijack takes the raw connection, for replies net/http will not write.
func hijack(w http.ResponseWriter) net.Conn {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		log.Fatal(err)
	}
	return conn
}

// hang waits until the client goes away (or a minute passes).
func hang(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(time.Minute):
	}
}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		text(w)
		w.Write(dump)
	})
	mux.HandleFunc("/debug/pprof/goroutine", func(w http.ResponseWriter, r *http.Request) {
		text(w)
		w.Write(dump)
	})
	mux.HandleFunc("/hits", func(w http.ResponseWriter, r *http.Request) {
		hitsMu.Lock()
		n := hits[r.URL.Query().Get("path")+"?"+r.URL.Query().Get("key")]
		hitsMu.Unlock()
		fmt.Fprintf(w, "%d\n", n)
	})
	mux.HandleFunc("/hang-headers", func(w http.ResponseWriter, r *http.Request) {
		hang(r)
	})
	mux.HandleFunc("/hang-body", func(w http.ResponseWriter, r *http.Request) {
		text(w)
		w.Write(dump[:len(dump)/2])
		w.(http.Flusher).Flush()
		hang(r)
	})
	mux.HandleFunc("/reset", func(w http.ResponseWriter, r *http.Request) {
		conn := hijack(w)
		conn.(*net.TCPConn).SetLinger(0) // close sends RST
		conn.Close()
	})
	// /flaky?n=K&key=X resets the first K connections for key X, then serves the dump.
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		hitsMu.Lock()
		seen := hits["/flaky?"+r.URL.Query().Get("key")]
		hitsMu.Unlock()
		if seen <= n {
			conn := hijack(w)
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
			return
		}
		text(w)
		w.Write(dump)
	})
	mux.HandleFunc("/404", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r) // Go's "404 page not found"
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "profile not found", http.StatusInternalServerError)
	})
	mux.HandleFunc("/auth", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer s3cret" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		text(w)
		w.Write(dump)
	})
	mux.HandleFunc("/user-agent", func(w http.ResponseWriter, r *http.Request) {
		text(w)
		// a debug=1 style profile whose only record names the agent, so tests can read it
		fmt.Fprintf(w, "goroutine profile: total 1\n1 @ 0x1\n#\t0x1\tagent/%s\tua.go:1\n\n",
			strings.ReplaceAll(r.UserAgent(), " ", "_"))
	})
	mux.HandleFunc("/redirect-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/redirect-port", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+altAddr+"/ok", http.StatusFound)
	})
	mux.HandleFunc("/redirect-loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/redirect-loop", http.StatusFound)
	})
	// /big?bytes=N streams N bytes of dump text, chunked (no Content-Length).
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("bytes"))
		text(w)
		for sent := 0; sent < n; sent += len(dump) {
			if _, err := w.Write(dump); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	// /big-length?bytes=N announces N bytes in Content-Length first.
	mux.HandleFunc("/big-length", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("bytes"))
		text(w)
		w.Header().Set("Content-Length", strconv.Itoa(n))
		body := bytes.Repeat([]byte("x"), n)
		w.Write(body)
	})
	// /slow writes a line of 10 bytes every 500 ms: far under any sane low-speed limit.
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		text(w)
		w.Write(dump[:300]) // past the client's sniff, so the stall is what stops it
		for i := 0; i < 120; i++ {
			if _, err := w.Write([]byte("slow line\n")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(500 * time.Millisecond):
			}
		}
	})
	// /slow-start?first=DUR[&trickle=1]: nothing at all (not even the headers) for DUR, as a
	// process with 200k goroutines writing debug=2 with the world stopped; then the dump,
	// or with trickle=1 its first 300 bytes and 10 bytes every 500 ms after them (a stall
	// after the reply began).
	mux.HandleFunc("/slow-start", func(w http.ResponseWriter, r *http.Request) {
		first, _ := time.ParseDuration(r.URL.Query().Get("first"))
		select {
		case <-r.Context().Done():
			return
		case <-time.After(first):
		}
		text(w)
		if r.URL.Query().Get("trickle") == "" {
			w.Write(dump)
			return
		}
		w.Write(dump[:300])
		for i := 0; i < 120; i++ {
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(500 * time.Millisecond):
			}
			if _, err := w.Write([]byte("slow line\n")); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(dump)
		zw.Close()
		text(w)
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b.Bytes())
	})
	// /truncated: a chunked reply whose connection closes before the last chunk.
	mux.HandleFunc("/truncated", func(w http.ResponseWriter, r *http.Request) {
		conn := hijack(w)
		half := dump[:len(dump)/2]
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(half), half)
		conn.Close()
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>\n<body><form action=\"/login\">user <input name=u></form></body></html>\n")
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		text(w)
	})
	// 200 replies that are no profile: what a proxy, a login or an API gateway answers
	for path, body := range map[string]string{
		"/fake/forbidden": "Forbidden\n",
		"/fake/json":      "{\"error\":\"unauthorized\"}\n",
		"/fake/notfound":  "404 page not found\n",
		"/fake/title":     "<title>Sign in</title>\n<form action=\"/login\"></form>\n",
	} {
		body := body
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			text(w)
			fmt.Fprint(w, body)
		})
	}
	// a heap path that answers with a goroutine dump (a proxy routing to the wrong place)
	mux.HandleFunc("/debug/pprof/heap", func(w http.ResponseWriter, r *http.Request) {
		text(w)
		w.Write(dump)
	})
	// two programs behind one proxy: one profile path each
	for _, app := range []string{"/app1", "/app2"} {
		mux.HandleFunc(app+"/debug/pprof/goroutine", func(w http.ResponseWriter, r *http.Request) {
			text(w)
			w.Write(dump)
		})
	}
}

// selfSigned makes a P-256 certificate for 127.0.0.1, writes it as PEM to certFile (the
// tests' --cacert) and returns a TLS configuration serving it.
func selfSigned(certFile string) (*tls.Config, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "gostacks test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(certFile, certPEM, 0o644); err != nil {
		return nil, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, err
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}}, nil
}
