package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
)

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
}

// uploadField is the form field of the export file.
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
	sum, err := s.importRequest(w, r)
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
	s.render(w, r, http.StatusOK, "imported.html", "Import summary", sum)
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
func (s *Server) importRequest(w http.ResponseWriter, r *http.Request) (importSummary, error) {
	body := http.MaxBytesReader(w, r.Body, s.maxUpload)
	mediaType, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
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
		_ = params
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

// importFrom reads an export from src and stores it. The bytes go to a
// temporary file first: a ZIP is read from its end, and an export can be
// far larger than what should sit in memory.
func (s *Server) importFrom(ctx context.Context, src io.Reader) (importSummary, error) {
	f, err := os.CreateTemp(s.tempDir, "linkvet-upload-*.zip")
	if err != nil {
		return importSummary{}, fmt.Errorf("spool the upload: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	n, err := io.Copy(f, src)
	if err != nil {
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			return importSummary{}, fmt.Errorf("spool the upload: %w", err)
		}
		return importSummary{}, uploadError(err)
	}
	if n == 0 {
		return importSummary{}, linkvet.Errorf(linkvet.EINVALID, "the upload is empty: choose the ZIP file LinkedIn sent")
	}
	opt, err := s.svc.ImportOptions(ctx, s.importOpt)
	if err != nil {
		return importSummary{}, err
	}
	imp, err := s.svc.Import(ctx, func(o linkedin.Options) (*linkvet.Export, error) {
		return linkedin.ReadZip(f, n, o)
	}, opt)
	if err != nil {
		return importSummary{}, err
	}
	exp, res := imp.Export, imp.Result
	sum := importSummary{At: s.now(), Bytes: n, Result: res, Pending: len(exp.Incoming), HiddenConnections: exp.HiddenConnections, Files: exp.Files}
	for _, f := range exp.Files {
		sum.Skipped += len(f.Skipped)
	}
	return sum, nil
}
