package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
)

// FerretDB 1.24 executes an update as "read documents, apply the update in Go, write them back"
// without isolation between connections, so concurrent updates to one document lose writes
// ($inc, $push) and conditional updates ({status: "queued"} -> "running") have several winners.
// Over a single connection it is correct, because each connection is served sequentially.
// serializingProxy restores per-operation atomicity by letting only one write at a time reach
// FerretDB, whatever connection it came from, and no read while a write is in flight. Reads run
// side by side: they change nothing, and FerretDB's SQLite backend serves them concurrently
// (WAL mode, a pool of connections per database). An embedded database trades the lost write
// parallelism for MongoDB-like semantics.

const (
	headerLen      = 16
	maxMessageLen  = 64 << 20 // MongoDB's limit is 48 MB; anything larger is a broken stream.
	opMsg          = 2013
	flagMoreToCome = 1 << 1
)

type serializingProxy struct {
	upstreamNetwork string
	upstreamAddr    string
	logger          *slog.Logger
	afterRequest    func(request []byte) // runs under the write lock once FerretDB has answered a write
	// Held from forwarding a request until its full reply is read: shared by reads, exclusive
	// for everything else.
	mu sync.RWMutex

	connsMu sync.Mutex
	conns   map[net.Conn]struct{} // both sides of every proxied connection, for shutdown
}

func newSerializingProxy(upstreamNetwork, upstreamAddr string, logger *slog.Logger, afterRequest func([]byte)) *serializingProxy {
	return &serializingProxy{
		upstreamNetwork: upstreamNetwork,
		upstreamAddr:    upstreamAddr,
		logger:          logger,
		afterRequest:    afterRequest,
		conns:           make(map[net.Conn]struct{}),
	}
}

// shutdown lets the request in flight finish, then closes every connection and never lets
// another request through. Without it FerretDB would give open connections a 3 s grace period,
// making every stop() of a database with a connected client take at least that long.
func (p *serializingProxy) shutdown() {
	p.mu.Lock()

	p.connsMu.Lock()
	defer p.connsMu.Unlock()

	for c := range p.conns {
		c.Close()
	}
}

func (p *serializingProxy) track(c net.Conn) {
	p.connsMu.Lock()
	defer p.connsMu.Unlock()

	p.conns[c] = struct{}{}
}

func (p *serializingProxy) untrack(c net.Conn) {
	p.connsMu.Lock()
	defer p.connsMu.Unlock()

	delete(p.conns, c)
	c.Close()
}

func (p *serializingProxy) serve(l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go p.handle(conn)
	}
}

func (p *serializingProxy) handle(client net.Conn) {
	p.track(client)
	defer p.untrack(client)

	upstream, err := net.Dial(p.upstreamNetwork, p.upstreamAddr)
	if err != nil {
		p.logger.Error("proxy: cannot reach FerretDB", slog.String("error", err.Error()))
		return
	}

	p.track(upstream)
	defer p.untrack(upstream)

	for {
		request, err := readMessage(client)
		if err != nil {
			return // client went away: the usual way a connection ends
		}

		replies, err := p.roundTrip(upstream, request)
		if err != nil {
			p.logger.Debug("proxy: upstream closed", slog.String("error", err.Error()))
			return
		}

		// Written after unlocking so that a slow reader cannot stall every other connection.
		for _, reply := range replies {
			if _, err = client.Write(reply); err != nil {
				return
			}
		}
	}
}

// roundTrip forwards one request and collects its replies, holding the lock its kind needs.
func (p *serializingProxy) roundTrip(upstream net.Conn, request []byte) ([][]byte, error) {
	if isRead(request) {
		p.mu.RLock()
		defer p.mu.RUnlock()

		return exchange(upstream, request)
	}

	p.mu.Lock()
	defer p.mu.Unlock()

	replies, err := exchange(upstream, request)
	if err == nil && len(replies) > 0 {
		p.afterRequest(request)
	}

	return replies, err
}

// exchange writes a request and reads every reply it gets.
func exchange(upstream net.Conn, request []byte) ([][]byte, error) {
	if _, err := upstream.Write(request); err != nil {
		return nil, err
	}

	// A request flagged moreToCome (unacknowledged write) gets no reply at all.
	if hasMoreToCome(request) {
		return nil, nil
	}

	var replies [][]byte
	for {
		reply, err := readMessage(upstream)
		if err != nil {
			return nil, err
		}
		replies = append(replies, reply)

		// Exhaust cursors stream several replies, all but the last flagged moreToCome.
		if !hasMoreToCome(reply) {
			return replies, nil
		}
	}
}

// readCommands change nothing in FerretDB's SQLite databases. aggregate is left out: FerretDB
// 1.24 refuses $out and $merge, but a later FerretDB may not, and the proxy must not have to
// parse pipelines to stay safe; killCursors and endSessions are cheap enough to run exclusively.
var readCommands = map[string]bool{
	"find": true, "getMore": true, "count": true, "distinct": true,
	"listIndexes": true, "listCollections": true, "listDatabases": true,
	"hello": true, "isMaster": true, "ismaster": true, "ping": true, "buildInfo": true, "buildinfo": true,
}

// isRead tells requests that may share the lock; anything it cannot parse counts as a write.
func isRead(request []byte) bool {
	command, ok := commandName(request)

	return ok && readCommands[command]
}

func readMessage(r io.Reader) ([]byte, error) {
	var header [headerLen]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}

	length := binary.LittleEndian.Uint32(header[0:4])
	if length < headerLen || length > maxMessageLen {
		return nil, fmt.Errorf("invalid message length %d", length)
	}

	msg := make([]byte, length)
	copy(msg, header[:])
	if _, err := io.ReadFull(r, msg[headerLen:]); err != nil {
		return nil, err
	}

	return msg, nil
}

func hasMoreToCome(msg []byte) bool {
	if len(msg) < headerLen+4 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg {
		return false
	}

	return binary.LittleEndian.Uint32(msg[headerLen:headerLen+4])&flagMoreToCome != 0
}
