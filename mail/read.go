package mail

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Result is what reading mail found.
type Result struct {
	// Invitations are the LinkedIn invitations read, in the order their
	// first mail was met, with Source "email" and ReceivedVia ["email"].
	// Mails about the same invitation (the invitation and its reminders)
	// are merged into one record (see the package documentation). Every
	// invitation has its ID set (linkvet.InvitationID).
	Invitations []linkvet.Invitation `json:"invitations"`
	// Phishing lists the messages that imitate LinkedIn, never imported.
	Phishing []Finding `json:"phishing,omitempty"`
	// Problems names the messages that looked like LinkedIn invitations
	// (or could not be read at all) but could not be understood, with
	// their place.
	Problems []linkvet.Problem `json:"problems,omitempty"`
	// Skipped counts the messages that are not LinkedIn invitations (most
	// of a mailbox), including LinkedIn's other notifications.
	Skipped int `json:"skipped"`
	// Raw keeps, for each invitation ID, every message it was read from, as
	// stored, in the order read, so that a better reader can read them again.
	Raw map[string][]Raw `json:"-"`

	index map[string]int // person key → position in Invitations
}

// Raw is one message as it was read.
type Raw struct {
	File  string // the file, or the IMAP reference, it came from
	Line  int    // the line its "From " separator is on in an mbox; 1 otherwise
	Bytes []byte // the message, header and body, as stored
}

// Finding is one message that imitates LinkedIn.
type Finding struct {
	File     string     `json:"file"`
	Line     int        `json:"line"`
	From     string     `json:"from"`
	Subject  string     `json:"subject,omitempty"`
	Date     *time.Time `json:"date,omitempty"`
	Evidence []string   `json:"evidence"` // why it is not LinkedIn, each a sentence
	Raw      []byte     `json:"-"`        // the message as stored
}

func (f Finding) String() string {
	return f.File + ":" + strconv.Itoa(f.Line) + ": imitates LinkedIn: " + strings.Join(f.Evidence, "; ")
}

// Sniff reports whether the start of a file looks like mail: an mbox (it
// starts with "From ") or one message (it starts with header fields, one
// of them a field every mail has). Give it the first few kilobytes.
func Sniff(head []byte) bool {
	if bytes.HasPrefix(head, []byte("From ")) {
		return true
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	known := false
	for n := 0; len(head) > 0 && n < 64; n++ {
		var ln []byte
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			ln, head = head[:i], head[i+1:]
		} else {
			ln, head = head, nil // a cut-off last line: judge what is there
		}
		ln = bytes.TrimRight(ln, "\r")
		if len(ln) == 0 {
			return known && n > 0
		}
		if ln[0] == ' ' || ln[0] == '\t' {
			if n == 0 {
				return false
			}
			continue // a folded continuation
		}
		colon := bytes.IndexByte(ln, ':')
		if colon <= 0 || colon > 76 || bytes.ContainsAny(ln[:colon], " \t") {
			return false
		}
		switch strings.ToLower(string(ln[:colon])) {
		case "from", "date", "subject", "received", "return-path", "message-id", "mime-version", "delivered-to", "to", "x-original-to", "dkim-signature", "arc-seal", "authentication-results":
			known = true
		}
	}
	return known
}

// Read reads one message (an .eml file) or an mbox file from r; name is
// how problems and raw references name it. Which one it is comes from the
// content: an mbox starts with a "From " line. An mbox is read one message
// at a time, so its size does not matter. The error is for input that is
// not mail at all, or that could not be read; a message that could not be
// understood is a Problem and the others are still read.
func Read(name string, r io.Reader) (Result, error) {
	var res Result
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return res, fmt.Errorf("read %s: %w", name, err)
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return res, linkvet.Errorf(linkvet.EINVALID, "%s: empty, not an e-mail message or mbox", name)
	}
	// A byte-order mark or blank lines before the first line are an
	// editor's or an exporter's, not the mail's.
	if skip := len(head) - len(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), "\r\n")); skip > 0 && skip < len(head) {
		br.Discard(skip)
		head = head[skip:]
	}
	if !Sniff(head) {
		return res, linkvet.Errorf(linkvet.EINVALID, "%s: not an e-mail message or mbox (it should start with header lines such as From: and Subject:, or with an mbox \"From \" line)", name)
	}
	if bytes.HasPrefix(head, []byte("From ")) {
		err = readMbox(&res, name, br)
	} else {
		var raw []byte
		raw, err = io.ReadAll(io.LimitReader(br, maxMessageBytes+1))
		if err == nil {
			if len(raw) > maxMessageBytes {
				res.problem(name, 1, fmt.Sprintf("message larger than %d MiB, not read", maxMessageBytes>>20))
			} else {
				res.Add(name, 1, raw)
			}
		}
	}
	if err != nil {
		return res, fmt.Errorf("read %s: %w", name, err)
	}
	return res, nil
}

// readMbox splits an mbox into messages. A message starts at a line
// beginning with "From " that opens the file or follows a blank line; a
// body line escaped as ">From " (mboxrd, mboxo) is unescaped.
func readMbox(res *Result, name string, br *bufio.Reader) error {
	var msg bytes.Buffer
	start, lineNo := 0, 0
	blank := true
	tooBig := false
	flush := func() {
		if start > 0 {
			if tooBig {
				res.problem(name, start, fmt.Sprintf("message larger than %d MiB, not read", maxMessageBytes>>20))
			} else if len(bytes.TrimSpace(msg.Bytes())) > 0 {
				res.add(name, start, msg.Bytes(), true)
			}
		}
		msg.Reset()
		tooBig = false
	}
	var long []byte
	for {
		ln, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A line longer than the buffer: gather it whole.
			long = append(long[:0], ln...)
			for err == bufio.ErrBufferFull {
				ln, err = br.ReadSlice('\n')
				if len(long) < maxMessageBytes {
					long = append(long, ln...)
				}
			}
			ln = long
		}
		if err != nil && err != io.EOF {
			return err
		}
		if len(ln) == 0 && err == io.EOF {
			break
		}
		lineNo++
		if blank && bytes.HasPrefix(ln, []byte("From ")) {
			flush()
			start = lineNo
			blank = false
			if err == io.EOF {
				break
			}
			continue
		}
		content := bytes.TrimRight(ln, "\r\n")
		blank = len(content) == 0
		if content := bytes.TrimLeft(ln, ">"); len(content) < len(ln) && bytes.HasPrefix(content, []byte("From ")) {
			ln = ln[1:]
		}
		if msg.Len()+len(ln) > maxMessageBytes {
			tooBig = true
		} else if !tooBig {
			msg.Write(ln)
		}
		if err == io.EOF {
			break
		}
	}
	flush()
	return nil
}

// ReadMaildir reads every message of a Maildir folder: the files in its
// cur/ and new/ sub-folders and in those of its Maildir++ folders (the
// ".Folder" and ".Folder.Sub" directories beside them, where mail clients
// keep the folders a user files mail into), in name order, which is
// delivery time. Every folder is read, Junk and Trash too: an invitation
// filed away is still an invitation, and a phishing mail there is still
// reported. Symbolic links are not followed.
func ReadMaildir(dir string) (Result, error) {
	var res Result
	folders := []string{dir}
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if name := e.Name(); e.IsDir() && len(name) > 1 && name[0] == '.' && name != ".." {
				if sub := filepath.Join(dir, name); IsMaildir(sub) {
					folders = append(folders, sub)
				}
			}
		}
	}
	var files []string
	found := false
	for _, folder := range folders {
		for _, sub := range []string{"cur", "new"} {
			ents, err := os.ReadDir(filepath.Join(folder, sub))
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				return res, fmt.Errorf("read maildir %s: %w", folder, err)
			}
			found = true
			for _, e := range ents {
				if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
					files = append(files, filepath.Join(folder, sub, e.Name()))
				}
			}
		}
	}
	if !found {
		return res, linkvet.Errorf(linkvet.EINVALID, "%s: not a Maildir folder (it has neither cur/ nor new/)", dir)
	}
	slices.SortFunc(files, func(a, b string) int { return strings.Compare(filepath.Base(a), filepath.Base(b)) })
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			res.problem(path, 1, "cannot open: "+err.Error())
			continue
		}
		raw, err := io.ReadAll(io.LimitReader(f, maxMessageBytes+1))
		f.Close()
		switch {
		case err != nil:
			res.problem(path, 1, "cannot read: "+err.Error())
		case len(raw) > maxMessageBytes:
			res.problem(path, 1, fmt.Sprintf("message larger than %d MiB, not read", maxMessageBytes>>20))
		default:
			res.Add(path, 1, raw)
		}
	}
	return res, nil
}

// ReadPath reads what a path names: a Maildir folder, or a file holding
// one message or an mbox. It is the one call `linkvet read` and `linkvet
// import` need for mail; problems name the path.
func ReadPath(path string) (Result, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Result{}, linkvet.Errorf(linkvet.EINVALID, "%s does not exist", path)
		}
		return Result{}, fmt.Errorf("read %s: %w", path, err)
	}
	if fi.IsDir() {
		return ReadMaildir(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return Result{}, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	return Read(path, f)
}

// IsMaildir reports whether dir looks like a Maildir folder (it has a cur/
// or new/ sub-folder), for callers that pick a reader by what a path is.
func IsMaildir(dir string) bool {
	for _, sub := range []string{"cur", "new"} {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err == nil && fi.IsDir() {
			return true
		}
	}
	return false
}

func (res *Result) problem(file string, line int, reason string) {
	res.Problems = append(res.Problems, linkvet.Problem{File: file, Line: line, Reason: reason})
}

// Add reads one message (header and body, as stored) into the result:
// file and line say where it came from. It is how Read, ReadMaildir and
// the IMAP sync feed messages in; callers with messages from elsewhere
// can use it too.
func (res *Result) Add(file string, line int, raw []byte) {
	res.add(file, line, raw, false)
}

// add is Add; borrowed says raw is a buffer the caller reuses, copied only
// when the message is kept.
func (res *Result) add(file string, line int, raw []byte, borrowed bool) {
	keep := func() []byte {
		if borrowed {
			return bytes.Clone(raw)
		}
		return raw
	}
	e, env, err := readHeader(raw)
	if err != nil {
		res.problem(file, line, err.Error())
		return
	}
	fake, damning := imitation(env)
	subjName, isInvite := matchSubject(env.Subject)
	legit := linkedInDomain(domainOf(env.Address))
	if !legit && len(fake) == 0 && !isInvite {
		res.Skipped++ // the everyday case: no LinkedIn in sight
		return
	}
	text, _, berr := body(e)
	lines := splitLines(text)
	if !legit && len(fake) == 0 {
		// An invitation subject from an ordinary address: phishing only
		// when the body speaks as LinkedIn.
		if !mentionsLinkedIn(text) {
			res.Skipped++
			return
		}
		fake = append(fake, "an invitation subject (\""+env.Subject+"\") from "+env.Address+", which is not a LinkedIn address, with a body that speaks as LinkedIn")
	}
	if legit {
		fake = append(fake, failedAuth(env)...)
	}
	name := subjName
	if name == "" && legit {
		// LinkedIn sends an invitation under the inviter's name ("Alex Kim
		// <invitations@linkedin.com>", earlier "Alex Kim via LinkedIn");
		// its other mail goes out as "LinkedIn".
		if n := strings.TrimSpace(viaLinkedIn.ReplaceAllString(env.Name, "")); n != "" && len(n) <= 80 &&
			!strings.Contains(skeleton(n), linkedInSkeleton) && !strings.Contains(n, "@") {
			name = n
		}
	}
	x := extract(lines, name)
	if len(fake) > 0 && !legit && !damning && !isInvite && x.acceptURL == "" && x.profileURL == "" {
		// Only the display name borrows LinkedIn's name, and the message
		// neither announces nor carries an invitation: not an imitation
		// of one (a "LinkedIn Local" meetup, a course newsletter).
		res.Skipped++
		return
	}
	if len(fake) > 0 || len(x.offsite) > 0 {
		res.Phishing = append(res.Phishing, Finding{File: file, Line: line, From: env.From, Subject: env.Subject, Date: env.Date, Evidence: append(fake, x.offsite...), Raw: keep()})
		return
	}
	if !isInvite && x.acceptURL == "" {
		res.Skipped++ // LinkedIn's other mail: notifications, news
		return
	}
	if !isInvite && x.accepts > 1 {
		res.digest(file, line, env, text, keep)
		return
	}
	if berr != nil && len(lines) == 0 {
		res.problem(file, line, "LinkedIn invitation e-mail whose body could not be decoded: "+berr.Error())
		return
	}
	if x.name == "" || len(x.name) > 120 {
		res.problem(file, line, fmt.Sprintf("LinkedIn invitation e-mail (subject %q) that does not say who the inviter is", env.Subject))
		return
	}
	if x.profileURL == "" && x.acceptURL == "" && x.headline == "" {
		res.problem(file, line, fmt.Sprintf("LinkedIn invitation e-mail (subject %q) with no profile link, Accept link or headline in its body; only the name was read", env.Subject))
	}
	inv := linkvet.Invitation{
		Direction:         linkvet.Incoming,
		SentAt:            env.Date,
		Message:           x.note,
		MutualConnections: x.mutual,
		MutualNames:       x.mutualNames,
		Source:            linkvet.SourceEmail,
		AcceptURL:         x.acceptURL,
		ReceivedVia:       []string{linkvet.SourceEmail},
		Person: linkvet.Person{
			Name:       x.name,
			ProfileURL: x.profileURL,
			Headline:   x.headline,
			Location:   x.location,
		},
	}
	res.merge(inv, Raw{File: file, Line: line, Bytes: keep()})
}

// digest reads a mail that lists several invitations, each card ending at
// its Accept link. A card gives what the mail shows of that person; the
// mail's date is not when any of them invited, so sent_at stays unknown.
func (res *Result) digest(file string, line int, env envelope, text string, keep func() []byte) {
	cards := digestCards(splitLines(text))
	read := 0
	for _, card := range cards {
		x := extract(card, cardName(card))
		if x.name == "" || len(x.name) > 120 {
			continue
		}
		read++
		res.merge(linkvet.Invitation{
			Direction:         linkvet.Incoming,
			Message:           x.note,
			MutualConnections: x.mutual,
			MutualNames:       x.mutualNames,
			Source:            linkvet.SourceEmail,
			AcceptURL:         x.acceptURL,
			ReceivedVia:       []string{linkvet.SourceEmail},
			Person:            linkvet.Person{Name: x.name, ProfileURL: x.profileURL, Headline: x.headline, Location: x.location},
		}, Raw{File: file, Line: line, Bytes: keep()})
	}
	if read < len(cards) {
		res.problem(file, line, fmt.Sprintf("LinkedIn mail (subject %q) lists %d invitations; %d of them name nobody and were not read", env.Subject, len(cards), len(cards)-read))
	}
}

// digestCards cuts a digest's lines into cards, each ending at the line
// that carries its Accept link; what follows the last one is not a card.
func digestCards(lines []line) [][]line {
	var cards [][]line
	start := 0
	for i := 0; i < len(lines); i++ {
		if i < start {
			continue
		}
		accept := false
		for _, u := range lines[i].urls {
			if u, _ := unwrap(u); acceptLink(lines[i].f, u) {
				accept = true
			}
		}
		if accept {
			end := i + 1
			// Bare links right under the button still belong to the card.
			for end < len(lines) && lines[end].text == "" {
				end++
			}
			cards = append(cards, lines[start:end])
			start = end
		}
	}
	return cards
}

// cardName is the name a digest card opens with: its first line that is
// not LinkedIn's chrome, a count or a button.
func cardName(card []line) string {
	for _, l := range card {
		if len(l.urls) > 0 && !isProfileLine(l) || l.text == "" || len(l.text) > 80 || chrome(l.f, "") ||
			countPattern().MatchString(l.f) || labelWords().MatchString(l.f) || greeting().MatchString(l.f) {
			continue
		}
		return l.text
	}
	return ""
}

func isProfileLine(l line) bool {
	for _, u := range l.urls {
		if _, ok := profileLink(u); ok {
			return true
		}
	}
	return false
}

// mentionsLinkedIn tells a body that speaks as LinkedIn: it names it or
// links to it.
func mentionsLinkedIn(text string) bool {
	return strings.Contains(fold.String(text), "linkedin") || strings.Contains(strings.ToLower(text), "lnkd.in")
}

// merge adds an invitation, or folds it into the one already read for the
// same person (a reminder of an invitation): the earliest time stays, the
// newer mail fills what the older lacked and updates the mutual count and
// the Accept link, which are the more current in the newer mail.
func (res *Result) merge(inv linkvet.Invitation, raw Raw) {
	key := linkvet.NormalizeProfileURL(inv.Person.ProfileURL)
	if key == "" {
		key = "name:" + fold.String(inv.Person.Name)
	}
	if res.index == nil {
		res.index = map[string]int{}
		res.Raw = map[string][]Raw{}
	}
	i, ok := res.index[key]
	if !ok {
		inv.ID = linkvet.InvitationID(&inv)
		res.index[key] = len(res.Invitations)
		res.Invitations = append(res.Invitations, inv)
		res.Raw[inv.ID] = append(res.Raw[inv.ID], raw)
		return
	}
	old := &res.Invitations[i]
	oldID := old.ID
	newer := inv.SentAt != nil && (old.SentAt == nil || inv.SentAt.After(*old.SentAt))
	if inv.SentAt != nil && (old.SentAt == nil || inv.SentAt.Before(*old.SentAt)) {
		old.SentAt = inv.SentAt
	}
	fill := func(dst *string, v string, prefer bool) {
		if v != "" && (*dst == "" || prefer) {
			*dst = v
		}
	}
	fill(&old.Message, inv.Message, false)
	fill(&old.AcceptURL, inv.AcceptURL, newer)
	fill(&old.Person.ProfileURL, inv.Person.ProfileURL, false)
	fill(&old.Person.Headline, inv.Person.Headline, newer)
	fill(&old.Person.Location, inv.Person.Location, newer)
	if inv.MutualConnections != nil && (old.MutualConnections == nil || newer) {
		old.MutualConnections = inv.MutualConnections
		if inv.MutualNames != nil {
			old.MutualNames = inv.MutualNames
		}
	}
	old.ID = ""
	old.ID = linkvet.InvitationID(old)
	raws := append(res.Raw[oldID], raw)
	delete(res.Raw, oldID)
	res.Raw[old.ID] = raws
}
