// Package delivery runs linecost as a service: it watches a drop folder for
// campaign plans (fsnotify events and a periodic rescan), takes each plan
// once it has settled, builds its budget with Produce (the same code path as
// `linecost report`), files the plan under done/ or failed/, and mails the
// workbook (or the errors) through a spool that survives restarts and
// retries with backoff.
//
// It is the only package of linecost that knows SMTP
// (github.com/wneessen/go-mail) and folder events
// (github.com/fsnotify/fsnotify). Time comes from the command: Config.Now
// and Config.Today for everything an output or a mail shows, Config.Clock
// for the waits; the package reads no clock itself, and only log/slog
// stamps its lines with the wall clock.
//
// # Steps and crashes
//
// A drop goes through these steps; the name in brackets is the test hook
// called after it (Config.Hook), where the crash tests kill the process:
//
//  1. inbox/NAME is renamed to processing/NAME [taken].
//  2. Its SHA-256, the time it was taken (the stamp) and the name of its
//     outputs in the outbox (NAME-budget-STAMP, numbered when another
//     plan has it: outbox.go) are put in the journal, state "processing"
//     [journaled]. A hash the journal has as done is filed as a duplicate
//     instead.
//  3. The budget is built and written to the outbox under that name,
//     each file atomically [written]; a plan that cannot be priced gets
//     failed/NAME.errors.txt instead.
//  4. The mail is put in the spool under an ID made from the hash
//     [queued], unless the journal says it was queued already or the
//     spool has a sent record of that ID.
//  5. The journal records the plan done (or failed), mailed, and where it
//     is about to be filed [recorded].
//  6. processing/NAME is renamed into done/YYYY-MM/ or failed/ [filed].
//
// A restart after a crash at any point removes the temporary files left
// behind and repeats the steps for what is in processing/: the journaled
// name gives the same output names (overwritten, not doubled, and never
// another plan's), and the spool ID and the journal keep the mail from
// being queued twice. The spool is sent apart from the steps: a mail
// accepted by the server is recorded in spool/sent/ and never sent again
// [sent]. The one window left is SMTP's own: a kill after the server's 250
// and before that record resends the mail, with the same Message-ID.
// After the restart's recovery, and daily, the journal forgets the plans
// handled long ago of which no copy is left where they were filed
// (compact.go) [compacted].
//
// # What fails how
//
// A plan that cannot be priced (input errors, a plan error, a whole-file
// problem) goes to failed/ and its sender is mailed; an output that cannot
// be written (OutputError), a rename or a journal write that fails leaves
// the plan where it is for the next start and mails nobody. A mail refused
// with a 5xx to MAIL, RCPT or DATA is permanent; everything else (no
// connection, 4xx, timeouts, TLS or AUTH failures) is retried.
package delivery
