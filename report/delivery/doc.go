// Package delivery runs linecost as a service: it watches a drop folder for
// campaign plans (fsnotify events and a periodic rescan), takes each plan
// once it has settled, builds its budget with Produce (the same code path as
// `linecost report`), files the plan under done/ or failed/, and mails the
// workbook (or the errors) through a spool that survives restarts and
// retries with backoff.
//
// It is the only package of linecost that knows SMTP (github.com/wneessen/go-mail)
// and folder events (github.com/fsnotify/fsnotify). Every step is a rename
// or an atomically written file (see writeFileAtomic), recorded in a small
// journal, so that a restart after a crash at any point finishes what was
// in hand without losing a plan or sending a mail twice.
package delivery
