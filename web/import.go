package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/read"
)

// The Import page takes everything `linkvet read` understands. Its model:
//
//   - Every uploaded file is spooled to a temporary file first, never held
//     in memory: an export is a ZIP read from its end, and its big tables
//     (Connections.csv, messages.csv) are streamed into the store in
//     batches by service.ImportStream, so a small ZIP that unpacks to a
//     huge CSV costs disk and time, not memory.
//   - What a file is comes from its bytes (read.Detect), not its name: a
//     ZIP is LinkedIn's export, a JSON file naming "snapshotDomain" is a
//     Member Data Portability snapshot, and everything else (e-mails,
//     mbox, a profile PDF, invitation JSON, a saved paste) goes through
//     read and service.Ingest, which enriches the invitations already
//     stored instead of duplicating them.
//   - Several files may come in one form: exports first, then invitation
//     inputs, then profiles, so that a profile finds the invitation it
//     belongs to.
//   - The summary page says, per file, what was matched and enriched,
//     added, reported as phishing, and what could not be understood with
//     its place (file:line or page).

// importSummary is what an import did, for the summary page and the API.
type importSummary struct {
	N                 int                   `json:"-"`
	At                time.Time             `json:"-"`
	Bytes             int64                 `json:"bytes"`
	Result            linkvet.ImportResult  `json:"result"`
	Pending           int                   `json:"pending_incoming"`
	HiddenConnections int                   `json:"hidden_connections"`
	Files             []linkvet.FileSummary `json:"files"`
	Skipped           int                   `json:"skipped"`
	// Known and Messages count what a streamed export held.
	Known    int `json:"known"`
	Messages int `json:"messages"`
	// ConnectionsMissing is set when an export had no Connections.csv;
	// Unsettled then counts the invitations kept out of the inbox.
	ConnectionsMissing bool `json:"connections_missing,omitempty"`
	Unsettled          int  `json:"unsettled"`
	// Exports names the exports read; Inputs are the other files.
	Exports []string      `json:"-"`
	Inputs  []ingestInput `json:"-"`
	// Return is where a paste or drop came from (a row to go back to).
	Return string `json:"-"`
}

// hasExport reports whether the summary covers an export.
func (s importSummary) hasExport() bool { return len(s.Exports) > 0 }

// uploadField is the form field of the uploaded files (the name predates
// the other kinds of input).
const uploadField = "export"

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "import.html", "Import", importFormView{MaxMiB: s.maxUpload >> 20})
	return nil
}

type importFormView struct {
	MaxMiB int64
	Error  string
}

func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) error {
	sum, err := s.uploadRequest(w, r)
	if err != nil {
		if c := linkvet.ErrorCode(err); c == linkvet.EINVALID || c == linkvet.ELIMIT || httpStatus(err) == http.StatusRequestEntityTooLarge {
			_, msg := publicError(err)
			s.render(w, r, httpStatus(err), "import.html", "Import", importFormView{MaxMiB: s.maxUpload >> 20, Error: msg})
			return nil
		}
		return err
	}
	n := s.imports.add(sum)
	http.Redirect(w, r, "/import/"+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}

func (s *Server) importSummaryPage(w http.ResponseWriter, r *http.Request) error {
	n, err := strconv.Atoi(r.PathValue("n"))
	sum, ok := s.imports.get(n)
	if err != nil || !ok {
		return linkvet.Errorf(linkvet.ENOTFOUND, "no import %q in this session: summaries are kept for the last %d imports while the server runs", r.PathValue("n"), keptImports)
	}
	s.render(w, r, http.StatusOK, "import_result.html", "Import summary", newResultView(sum))
	return nil
}

func (s *Server) apiImport(w http.ResponseWriter, r *http.Request) error {
	sum, err := s.importRequest(w, r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sum)
	return nil
}

// importRequest spools an uploaded export (a ZIP body, or the "export"
// field of a multipart form) to a temporary file, reads it and stores it.
// The API takes exports only; the Import page takes every kind.
func (s *Server) importRequest(w http.ResponseWriter, r *http.Request) (importSummary, error) {
	body := http.MaxBytesReader(w, r.Body, s.maxUpload)
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var src io.Reader
	switch mediaType {
	case "multipart/form-data":
		r.Body = body
		mr, err := r.MultipartReader()
		if err != nil {
			return importSummary{}, linkvet.Errorf(linkvet.EINVALID, "the upload is not a readable form: %v", err)
		}
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				return importSummary{}, linkvet.Errorf(linkvet.EINVALID, "no file in the form field %q: choose the ZIP file LinkedIn sent", uploadField)
			} else if err != nil {
				return importSummary{}, uploadError(err)
			}
			if part.FormName() == uploadField {
				src = part
				break
			}
		}
	case "application/zip", "application/x-zip-compressed", "application/octet-stream", "":
		src = body
	default:
		return importSummary{}, linkvet.Errorf(linkvet.EINVALID, "Content-Type %q: send the export as application/zip or as the %q field of multipart/form-data", mediaType, uploadField)
	}
	return s.importFrom(ctxWithoutCancel(r), src)
}

func uploadError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return linkvet.Errorf(linkvet.ELIMIT, "the upload is larger than the %d MiB allowed", mb.Limit>>20)
	}
	return linkvet.Errorf(linkvet.EINVALID, "the upload broke off: %v", err)
}

// importFrom reads an export from src and stores it (the API's path).
func (s *Server) importFrom(ctx context.Context, src io.Reader) (importSummary, error) {
	sp, err := s.spool(src, "upload.zip")
	if err != nil {
		return importSummary{}, err
	}
	defer sp.remove()
	if sp.size == 0 {
		return importSummary{}, linkvet.Errorf(linkvet.EINVALID, "the upload is empty: choose the ZIP file LinkedIn sent")
	}
	if sp.format != read.FormatExport {
		return importSummary{}, linkvet.Errorf(linkvet.EINVALID, "the upload is not a ZIP file: send the export LinkedIn sent")
	}
	var sum importSummary
	if err := s.importExport(ctx, sp, &sum); err != nil {
		return importSummary{}, err
	}
	sum.At = s.now()
	return sum, nil
}

// spooled is one uploaded file on disk.
type spooled struct {
	name   string // as the user named it (for messages)
	path   string // the temporary file
	size   int64
	format read.Format
	dma    bool // a Member Data Portability snapshot
}

func (sp *spooled) remove() { _ = os.Remove(sp.path) }

// spool copies src to a temporary file and tells what it holds. The
// temporary file's extension is what linkedin.Stream goes by: ".json" for
// a snapshot, ".zip" for an export.
func (s *Server) spool(src io.Reader, name string) (*spooled, error) {
	f, err := os.CreateTemp(s.tempDir, "linkvet-upload-*")
	if err != nil {
		return nil, fmt.Errorf("spool the upload: %w", err)
	}
	sp := &spooled{name: name, path: f.Name()}
	n, err := io.Copy(f, src)
	sp.size = n
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		sp.remove()
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			return nil, fmt.Errorf("spool the upload: %w", err)
		}
		return nil, uploadError(err)
	}
	head, err := readHead(sp.path, 64<<10)
	if err != nil {
		sp.remove()
		return nil, fmt.Errorf("spool the upload: %w", err)
	}
	sp.format = read.Detect(head)
	ext := ""
	switch {
	case sp.format == read.FormatExport:
		ext = ".zip"
	case sp.format == read.FormatJSON && bytes.Contains(head, []byte(`"snapshotDomain"`)):
		sp.dma, ext = true, ".json"
	}
	if ext != "" {
		if err := os.Rename(sp.path, sp.path+ext); err != nil {
			sp.remove()
			return nil, fmt.Errorf("spool the upload: %w", err)
		}
		sp.path += ext
	}
	return sp, nil
}

func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, n)
	m, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	return head[:m], nil
}

// importExport streams a spooled export or snapshot into the store, in
// bounded memory, and adds what it did to sum.
func (s *Server) importExport(ctx context.Context, sp *spooled, sum *importSummary) error {
	opt, err := s.svc.ImportOptions(ctx, s.importOpt)
	if err != nil {
		return err
	}
	imp, err := s.svc.ImportStream(ctx, func(o linkedin.Options, h linkedin.StreamHandler) (*linkvet.Export, error) {
		return linkedin.Stream(sp.path, o, h)
	}, opt)
	if err != nil {
		return renamePath(err, sp)
	}
	exp, res := imp.Export, imp.Result
	sum.Bytes += sp.size
	sum.Exports = append(sum.Exports, sp.name)
	sum.Result.Known += res.Known
	sum.Result.Incoming += res.Incoming
	sum.Result.Outgoing += res.Outgoing
	sum.Result.Messages += res.Messages
	sum.Result.Unchanged += res.Unchanged
	sum.Known += imp.Known
	sum.Messages += imp.Messages
	sum.Unsettled = imp.Unsettled
	if exp != nil {
		sum.Pending += len(exp.Incoming)
		sum.HiddenConnections += exp.HiddenConnections
		sum.ConnectionsMissing = sum.ConnectionsMissing || exp.ConnectionsMissing
		for _, f := range exp.Files {
			sum.Skipped += len(f.Skipped)
			sum.Files = append(sum.Files, renameFile(f, sp))
		}
	}
	return nil
}

// renamePath puts the user's file name where an error names the
// temporary file.
func renamePath(err error, sp *spooled) error {
	msg := err.Error()
	if !strings.Contains(msg, sp.path) {
		return err
	}
	msg = strings.ReplaceAll(msg, sp.path, sp.name)
	if c := linkvet.ErrorCode(err); c != linkvet.EINTERNAL {
		return linkvet.Errorf(c, "%s", msg)
	}
	return errors.New(msg)
}

func renameFile(f linkvet.FileSummary, sp *spooled) linkvet.FileSummary {
	f.Name = strings.ReplaceAll(f.Name, sp.path, sp.name)
	for i := range f.Skipped {
		f.Skipped[i].File = strings.ReplaceAll(f.Skipped[i].File, sp.path, sp.name)
	}
	return f
}

// uploadName keeps the base of a file name a browser sent, for messages.
func uploadName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		return "upload"
	}
	return clip(name, 120)
}
