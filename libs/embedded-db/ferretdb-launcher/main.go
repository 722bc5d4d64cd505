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
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
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

	f, err := newFerretDB(logger, ferretdb.ListenerConfig{TCP: "127.0.0.1:0"}, dataDir)
	if err != nil {
		return err
	}

	// ferretdb.New has already bound the port, so this does not block.
	upstream, err := url.Parse(f.MongoDBURI())
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

	proxy := newSerializingProxy("tcp", upstream.Host, logger, newIDIndexer(dataDir, logger).afterRequest)
	err = proxy.serve(l)

	cancel()
	proxy.shutdown()

	return errors.Join(err, <-done)
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
