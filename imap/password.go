package imap

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/linkvet/linkvet"
)

// maxPassword bounds what a password file may hold: a password, not a
// file named by mistake.
const maxPassword = 4096

// PasswordFrom returns the IMAP password from a file or, when file is "",
// from the environment variable env. It is the only way linkvet takes the
// password: never from the command line (other users see it in the
// process list, and it stays in shell history) and never from the store.
//
// The file must be a regular file that only its owner may read or write
// (permissions 0600 or 0400): a password file others can read is refused,
// with the chmod that fixes it. One trailing newline is dropped, so the
// file can be written with echo. Errors are linkvet.EINVALID and name the
// file or the variable, never the password.
func PasswordFrom(file, env string) (string, error) {
	switch {
	case file != "":
		return passwordFile(file)
	case env != "":
		v, ok := os.LookupEnv(env)
		if !ok {
			return "", linkvet.Errorf(linkvet.EINVALID, "the environment variable %s that should hold the IMAP password is not set", env)
		}
		if v == "" {
			return "", linkvet.Errorf(linkvet.EINVALID, "the environment variable %s that should hold the IMAP password is empty", env)
		}
		return v, nil
	}
	return "", linkvet.Errorf(linkvet.EINVALID, "no IMAP password: give a password file (permissions 0600) or the name of an environment variable")
}

func passwordFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		if os.IsNotExist(err) {
			return "", linkvet.Errorf(linkvet.EINVALID, "password file %s does not exist", name)
		}
		return "", linkvet.Errorf(linkvet.EINVALID, "password file %s cannot be opened: %v", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("password file %s: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return "", linkvet.Errorf(linkvet.EINVALID, "password file %s is not a regular file", name)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return "", linkvet.Errorf(linkvet.EINVALID, "password file %s has permissions %04o, so other users can read it; make it private with: chmod 600 %s", name, perm, name)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxPassword+1))
	if err != nil {
		return "", fmt.Errorf("password file %s: %w", name, err)
	}
	if len(b) > maxPassword {
		return "", linkvet.Errorf(linkvet.EINVALID, "password file %s is larger than %d bytes; it should hold the password alone", name, maxPassword)
	}
	pw := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	if pw == "" {
		return "", linkvet.Errorf(linkvet.EINVALID, "password file %s is empty", name)
	}
	if strings.ContainsAny(pw, "\r\n") {
		return "", linkvet.Errorf(linkvet.EINVALID, "password file %s holds more than one line; it should hold the password alone", name)
	}
	return pw, nil
}
