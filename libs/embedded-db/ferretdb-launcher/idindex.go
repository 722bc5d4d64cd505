package main

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"go.mongodb.org/mongo-driver/bson"
	_ "modernc.org/sqlite" // the driver FerretDB itself uses
)

// FerretDB 1.24's SQLite backend pushes a filter on _id down to SQL as
// `WHERE _ferretdb_sjson->'$._id' = ?`, but creates the _id index on the expression
// `_ferretdb_sjson->"_id"`. SQLite matches indexes on expressions textually, so the index is never
// used: every lookup, update and delete by _id scans the whole table (measured: 8 µs per row,
// 80 ms for one findOne by _id in 10,000 documents). idIndexer adds the index in the form the
// query uses to every collection the first time a request writes to it. FerretDB does not know
// this index (it lists indexes from its own metadata), and DROP TABLE removes it with the table.
//
// It runs under the proxy's write lock, so FerretDB is never serving a request at the same time.
type idIndexer struct {
	dataDir string
	logger  *slog.Logger

	mu      sync.Mutex
	indexed map[string]struct{} // "<db>\x00<collection>" already checked
}

func newIDIndexer(dataDir string, logger *slog.Logger) *idIndexer {
	return &idIndexer{dataDir: dataDir, logger: logger, indexed: make(map[string]struct{})}
}

// commandsThatCreate are the commands after which a collection may exist that did not before.
var commandsThatCreate = map[string]bool{
	"insert": true, "update": true, "findAndModify": true, "create": true, "createIndexes": true,
}

// afterRequest looks at a request that FerretDB has just answered.
func (x *idIndexer) afterRequest(request []byte) {
	command, collection, db, ok := parseCommand(request)
	if !ok {
		return
	}

	x.mu.Lock()
	defer x.mu.Unlock()

	switch {
	case command == "drop":
		delete(x.indexed, db+"\x00"+collection)
	case command == "dropDatabase":
		for key := range x.indexed {
			if len(key) > len(db) && key[:len(db)+1] == db+"\x00" {
				delete(x.indexed, key)
			}
		}
	case commandsThatCreate[command]:
		key := db + "\x00" + collection
		if _, done := x.indexed[key]; done {
			return
		}
		created, err := x.ensure(db, collection)
		if err != nil {
			x.logger.Warn("id index", slog.String("db", db), slog.String("collection", collection),
				slog.String("error", err.Error()))
			return
		}
		if created {
			x.indexed[key] = struct{}{}
		}
	}
}

// ensure reports whether the collection exists and now has the index.
func (x *idIndexer) ensure(db, collection string) (bool, error) {
	file := filepath.Join(x.dataDir, db+".sqlite")
	if _, err := os.Stat(file); err != nil {
		return false, nil
	}

	conn, err := sql.Open("sqlite", "file:"+filepath.ToSlash(file)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return false, err
	}
	defer conn.Close()

	var table string
	err = conn.QueryRow(`SELECT table_name FROM "_ferretdb_collections" WHERE name = ?`, collection).Scan(&table)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, err
	}

	q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+"_id_pushdown", table)
	if _, err = conn.Exec(q); err != nil {
		return false, err
	}

	return true, nil
}

// parseCommand reads the command name, its collection and $db from an OP_MSG body.
func parseCommand(msg []byte) (command, collection, db string, ok bool) {
	body, ok := commandBody(msg)
	if !ok {
		return "", "", "", false
	}

	first, err := body.IndexErr(0)
	if err != nil {
		return "", "", "", false
	}
	collection, _ = first.Value().StringValueOK()
	db, _ = body.Lookup("$db").StringValueOK()

	return first.Key(), collection, db, db != ""
}

// commandName reads only the command name: the first key of an OP_MSG body.
func commandName(msg []byte) (string, bool) {
	body, ok := commandBody(msg)
	if !ok {
		return "", false
	}

	first, err := body.IndexErr(0)
	if err != nil {
		return "", false
	}

	return first.Key(), true
}

// commandBody finds the body section (kind 0) of an OP_MSG.
func commandBody(msg []byte) (bson.Raw, bool) {
	if len(msg) < headerLen+5 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg {
		return nil, false
	}

	// Sections follow the flag bits.
	for pos := headerLen + 4; pos < len(msg); {
		kind := msg[pos]
		pos++
		if pos+4 > len(msg) {
			return nil, false
		}
		size := int(binary.LittleEndian.Uint32(msg[pos : pos+4]))
		if size < 5 || pos+size > len(msg) {
			return nil, false
		}
		if kind != 0 {
			pos += size
			continue
		}

		return bson.Raw(msg[pos : pos+size]), true
	}

	return nil, false
}
