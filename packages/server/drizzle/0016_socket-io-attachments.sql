-- Socket.IO packets over PostgreSQL's 8000-byte NOTIFY limit (@socket.io/postgres-adapter); the adapter deletes them after 30 s.
CREATE TABLE IF NOT EXISTS "socket_io_attachments" (
	"id" bigserial UNIQUE,
	"created_at" timestamptz DEFAULT now(),
	"payload" bytea
);
