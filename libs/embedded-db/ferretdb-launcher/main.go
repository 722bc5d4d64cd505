// Command ferretdb-launcher runs an embedded FerretDB 1.24 with its SQLite backend.
//
// It exists because `go install github.com/FerretDB/FerretDB/cmd/ferretdb` builds a binary
// that panics at start (build/version/version.txt is only generated for release builds,
// FerretDB issue 2982). Embedding the `ferretdb` package sidesteps that check.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

type options struct {
	listenAddr       string
	dataDir          string
	logLevel         string
	serialize        bool
	exitOnStdinClose bool
}

func main() {
	var opts options
	flag.StringVar(&opts.listenAddr, "listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	flag.StringVar(&opts.dataDir, "data-dir", "", "directory holding the SQLite databases (created if missing)")
	flag.StringVar(&opts.logLevel, "log-level", "warn", "debug, info, warn or error")
	flag.BoolVar(&opts.serialize, "serialize", true,
		"pass one request at a time to FerretDB, making each operation atomic (see proxy.go)")
	flag.BoolVar(&opts.exitOnStdinClose, "exit-on-stdin-close", false,
		"exit when standard input reaches EOF; lets a parent that dies without cleanup (SIGKILL) take us down with it")
	flag.Parse()

	// FerretDB allocates a lot per request (each document is decoded several times over) and
	// keeps little alive, so Go's default GOGC=100 collects very often: a find took 410 µs of CPU,
	// 330 µs at 400. The heap stays in tens of MB. An explicit GOGC still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}

	if err := run(opts); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-launcher: %s\n", err)
		os.Exit(1)
	}
}

func run(opts options) error {
	if opts.dataDir == "" {
		return errors.New("-data-dir is required")
	}

	dataDir, err := filepath.Abs(opts.dataDir)
	if err != nil {
		return err
	}

	if err = os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}

	var level slog.Level
	if err = level.UnmarshalText([]byte(opts.logLevel)); err != nil {
		return fmt.Errorf("invalid -log-level: %w", err)
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	// Once our parent is gone, logging to its stderr pipe would kill us with SIGPIPE in the
	// middle of shutting down; ignoring it turns that into a failed write and a clean exit.
	signal.Ignore(syscall.SIGPIPE)

	if opts.exitOnStdinClose {
		go cancelOnStdinEOF(stop)
	}

	if !opts.serialize {
		return runFerretDB(ctx, logger, ferretdb.ListenerConfig{TCP: opts.listenAddr}, dataDir)
	}

	return runSerialized(ctx, logger, opts.listenAddr, dataDir)
}

// runSerialized puts FerretDB on a private loopback port and the serializing proxy on listenAddr.
func runSerialized(ctx context.Context, logger *slog.Logger, listenAddr, dataDir string) error {
	// Listening before FerretDB exists is safe: early clients wait in the accept backlog.
	l, err := net.Listen("tcp", listenAddr)
	if err != nil {
		return err
	}
	defer l.Close()

	// FerretDB listens on a Unix socket only the proxy uses: each request crosses it twice, and it
	// costs less CPU than loopback TCP (a ping: 110 -> 78 µs of the launcher's CPU).
	socket, cleanup, err := privateSocket(dataDir)
	if err != nil {
		return err
	}
	defer cleanup()

	f, err := newFerretDB(logger, ferretdb.ListenerConfig{Unix: socket}, dataDir)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	done := make(chan error, 1)
	go func() {
		done <- f.Run(ctx)
		cancel()
	}()

	go func() {
		<-ctx.Done()
		l.Close()
	}()

	proxy := newSerializingProxy("unix", socket, logger, newIDIndexer(dataDir, logger).afterRequest)
	err = proxy.serve(l)

	cancel()
	proxy.shutdown()

	return errors.Join(err, <-done)
}

// maxSocketPath keeps under sun_path's 108 bytes on Linux (104 on macOS).
const maxSocketPath = 100

// privateSocket names a socket path in a directory of its own, made in the data directory (or in
// the system's temporary directory when that path would be too long). A directory of its own,
// because two launchers may be started on one data directory: neither must take the other's.
func privateSocket(dataDir string) (string, func(), error) {
	parent := dataDir
	if len(filepath.Join(dataDir, "sock-0123456789", "ferretdb.sock")) > maxSocketPath {
		parent = ""
	}

	dir, err := os.MkdirTemp(parent, "sock-")
	if err != nil {
		return "", nil, err
	}

	return filepath.Join(dir, "ferretdb.sock"), func() { os.RemoveAll(dir) }, nil
}

func runFerretDB(ctx context.Context, logger *slog.Logger, listener ferretdb.ListenerConfig, dataDir string) error {
	f, err := newFerretDB(logger, listener, dataDir)
	if err != nil {
		return err
	}

	return f.Run(ctx)
}

// newFerretDB opens the SQLite backend and binds the listener; Run then serves until ctx is done.
// Run returns only after the listener, all connections and the backend are closed, so a clean
// return means the databases were flushed.
func newFerretDB(logger *slog.Logger, listener ferretdb.ListenerConfig, dataDir string) (*ferretdb.FerretDB, error) {
	return ferretdb.New(&ferretdb.Config{
		Listener: listener,
		Logger:   logger,
		Handler:  "sqlite",
		// The trailing slash matters: FerretDB treats the URL as a directory with one file per database.
		// In WAL mode, synchronous=NORMAL still survives a crash of this process (only a power loss
		// can drop the last commits) and saves an fsync per write: 2 ms of every insert here.
		SQLiteURL: "file:" + filepath.ToSlash(dataDir) + "/?_pragma=synchronous(normal)",
	})
}

func cancelOnStdinEOF(cancel context.CancelFunc) {
	_, _ = io.Copy(io.Discard, os.Stdin)
	cancel()
}
