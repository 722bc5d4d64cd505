package main

import (
	"encoding/binary"
	"io"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
)

// upstream stands in for FerretDB: it holds each request until another one is in flight beside
// it, has been (or `wait` passes), and records how many were ever in flight at once.
type upstream struct {
	wait time.Duration

	mu          sync.Mutex
	inFlight    int
	maxInFlight int
	changed     *sync.Cond
}

func startUpstream(t *testing.T, wait time.Duration) (*upstream, string) {
	t.Helper()
	u := &upstream{wait: wait}
	u.changed = sync.NewCond(&u.mu)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })

	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go u.serve(conn)
		}
	}()

	return u, l.Addr().String()
}

func (u *upstream) serve(conn net.Conn) {
	defer conn.Close()
	for {
		if _, err := readMessage(conn); err != nil {
			return
		}
		u.hold()
		if _, err := conn.Write(opMsgOf(bson.D{{Key: "ok", Value: 1}})); err != nil {
			return
		}
	}
}

func (u *upstream) hold() {
	u.mu.Lock()
	defer u.mu.Unlock()

	u.inFlight++
	u.maxInFlight = max(u.maxInFlight, u.inFlight)
	u.changed.Broadcast()

	deadline := time.Now().Add(u.wait)
	timer := time.AfterFunc(u.wait, func() {
		u.mu.Lock()
		defer u.mu.Unlock()
		u.changed.Broadcast()
	})
	defer timer.Stop()
	for u.maxInFlight < 2 && time.Now().Before(deadline) {
		u.changed.Wait()
	}
	u.inFlight--
}

func (u *upstream) max() int {
	u.mu.Lock()
	defer u.mu.Unlock()

	return u.maxInFlight
}

func opMsgOf(doc bson.D) []byte {
	body, err := bson.Marshal(doc)
	if err != nil {
		panic(err)
	}
	msg := make([]byte, headerLen+4+1, headerLen+4+1+len(body))
	msg = append(msg, body...)
	binary.LittleEndian.PutUint32(msg[0:4], uint32(len(msg)))
	binary.LittleEndian.PutUint32(msg[12:16], opMsg)
	msg[headerLen+4] = 0 // section kind 0: the body

	return msg
}

func startProxy(t *testing.T, upstreamAddr string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	p := newSerializingProxy("tcp", upstreamAddr, logger, func([]byte) {})
	go p.serve(l)
	t.Cleanup(func() {
		l.Close()
		p.shutdown()
	})

	return l.Addr().String()
}

// sendAll sends each request over a connection of its own, all at once, and waits for the replies.
func sendAll(t *testing.T, proxyAddr string, requests ...bson.D) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, len(requests))
	for _, request := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.Dial("tcp", proxyAddr)
			if err != nil {
				errs <- err
				return
			}
			defer conn.Close()
			if _, err = conn.Write(opMsgOf(request)); err != nil {
				errs <- err
				return
			}
			_, err = readMessage(conn)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func find() bson.D {
	return bson.D{{Key: "find", Value: "memberships"}, {Key: "$db", Value: "app"}}
}

func update() bson.D {
	return bson.D{{Key: "update", Value: "memberships"}, {Key: "$db", Value: "app"}}
}

func TestReadsRunSideBySide(t *testing.T) {
	// Each read waits (up to 10 s) for the other: only a shared lock lets both in at once.
	u, addr := startUpstream(t, 10*time.Second)
	sendAll(t, startProxy(t, addr), find(), find())

	if got := u.max(); got != 2 {
		t.Fatalf("reads in flight at once: %d, want 2", got)
	}
}

func TestWritesRunAlone(t *testing.T) {
	cases := map[string][]bson.D{
		"two writes":           {update(), update()},
		"a write and a read":   {update(), find()},
		"an aggregate (≈$out)": {{{Key: "aggregate", Value: "memberships"}, {Key: "$db", Value: "app"}}, find()},
		"an unknown command":   {{{Key: "somethingNew", Value: 1}, {Key: "$db", Value: "app"}}, find()},
	}
	for name, requests := range cases {
		t.Run(name, func(t *testing.T) {
			// Each request waits 300 ms for company; a lock that let both in would show 2.
			u, addr := startUpstream(t, 300*time.Millisecond)
			sendAll(t, startProxy(t, addr), requests...)

			if got := u.max(); got != 1 {
				t.Fatalf("requests in flight at once: %d, want 1", got)
			}
		})
	}
}

func TestIsRead(t *testing.T) {
	if !isRead(opMsgOf(find())) {
		t.Error("find is a read")
	}
	if isRead(opMsgOf(update())) {
		t.Error("update is a write")
	}
	if isRead([]byte("not a message at all")) {
		t.Error("an unparsable request must count as a write")
	}
}
