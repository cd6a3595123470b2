package linkvet

import (
	"errors"
	"fmt"
)

// Error codes. Each adapter maps them in one place: the web package to HTTP
// statuses, the CLI to exit codes.
const (
	EINVALID  = "invalid"   // the input is wrong; the message says where
	ENOTFOUND = "not_found" // no such thing
	ECONFLICT = "conflict"  // the change clashes with what is stored
	ELIMIT    = "too_large" // the input is over a size or count limit
	// EUNAVAILABLE is a server linkvet needs (a mailbox) that cannot be
	// reached or stopped answering: not a bug in linkvet, and worth trying
	// again. The message names the server and what to check.
	EUNAVAILABLE = "unavailable"
	EINTERNAL    = "internal" // a bug or an I/O failure; the message is not for users
)

// Error is linkvet's one error type: a code for machines and a message for
// people. Wrap it with fmt.Errorf("...: %w", err) to add context; ErrorCode
// and ErrorMessage still find it.
type Error struct {
	Code    string
	Message string
}

// Error returns the message alone: it is written for the user.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, and a
// generic text for any other error so that internals never leak to users of
// the web app or API.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
