package linkedin

import (
	"archive/zip"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/linkvet/linkvet"
)

// Options tune reading an export. The zero value is ready to use.
type Options struct {
	// Location is the zone of times written without one (Invitations.csv
	// "Sent At"); nil means time.Local. Dates such as Connections.csv
	// "Connected On" do not depend on it: they are midnight UTC of the
	// date written.
	Location *time.Location
	// MaxTotalBytes caps the uncompressed size of the files read, together;
	// 0 means 1 GiB.
	MaxTotalBytes int64
	// MaxFiles caps the number of files in the archive or folder (counted
	// at the top and one folder down for a folder); 0 means 2000.
	MaxFiles int
	// MaxFileBytes caps the uncompressed size of any one file read; 0 means
	// 512 MiB.
	MaxFileBytes int64
	// Progress, when set, is called as the bytes of each file are read,
	// with the file's path in the export and its size; total is the size
	// the archive declares (or the folder reports), raised to done if the
	// file turns out longer. Calls come from one goroutine at a time.
	Progress func(file string, done, total int64)
	// MessagesReady, when set, is called once with the export's messages
	// as soon as they are final (each knows whether the user sent it),
	// before the rest of the export is worked out, so that a caller can
	// store them meanwhile. The slice is the one Export.Messages will hold;
	// it must not be modified.
	MessagesReady func([]linkvet.Message)
}

// Defaults of Options.
const (
	DefaultMaxTotalBytes = 1 << 30
	DefaultMaxFiles      = 2000
	DefaultMaxFileBytes  = 512 << 20
)

func (o Options) withDefaults() Options {
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.MaxTotalBytes <= 0 {
		o.MaxTotalBytes = DefaultMaxTotalBytes
	}
	if o.MaxFiles <= 0 {
		o.MaxFiles = DefaultMaxFiles
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	return o
}

// Read reads the export at path: the ZIP file LinkedIn sends, or the folder
// it unpacks to, or a Member Data Portability snapshot (a .json file, or a
// folder of them: see ReadDMA). Errors for the user are *linkvet.Error and
// name path.
func Read(path string, opt Options) (*linkvet.Export, error) {
	if IsDMA(path) {
		return ReadDMA(path, opt)
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, linkvet.Errorf(linkvet.ENOTFOUND, "%s: no such file or folder", path)
	} else if err != nil {
		return nil, fmt.Errorf("read LinkedIn export: %w", err)
	}
	var e *linkvet.Export
	if info.IsDir() {
		e, err = ReadFS(os.DirFS(path), opt)
	} else {
		var f *os.File
		if f, err = os.Open(path); err != nil {
			return nil, fmt.Errorf("read LinkedIn export: %w", err)
		}
		defer f.Close()
		e, err = ReadZip(f, info.Size(), opt)
	}
	var le *linkvet.Error
	if errors.As(err, &le) {
		return nil, linkvet.Errorf(le.Code, "%s: %s", path, le.Message)
	} else if err != nil {
		return nil, fmt.Errorf("read LinkedIn export %s: %w", path, err)
	}
	return e, nil
}

// entry is one file of an export that will be read.
type entry struct {
	name string // path in the archive or folder, '/'-separated
	kind kind
	size int64 // declared uncompressed size
	open func() (io.ReadCloser, error)
}

// ReadZip reads an export from a ZIP archive of the given size. Archives
// that could harm or exhaust the machine are refused with a
// *linkvet.Error naming the entry: paths with ".." or an absolute path,
// symbolic links, too many files, or files larger than the limits, whether
// the archive declares the size or the bytes prove it.
func ReadZip(r io.ReaderAt, size int64, opt Options) (*linkvet.Export, error) {
	opt = opt.withDefaults()
	entries, err := zipEntries(r, size, opt)
	if err != nil {
		return nil, err
	}
	return readEntries(entries, "the archive", opt)
}

// zipEntries lists the export files of an archive, refusing archives that
// could harm or exhaust the machine.
func zipEntries(r io.ReaderAt, size int64, opt Options) ([]entry, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // insecure names get a precise error below
		return nil, linkvet.Errorf(linkvet.EINVALID, "not a ZIP archive or folder (%v)", err)
	}
	var entries []entry
	files := 0
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, `\`, "/") // archives made on Windows
		if err := checkEntryName(name); err != nil {
			return nil, err
		}
		if f.Mode()&fs.ModeSymlink != 0 {
			return nil, linkvet.Errorf(linkvet.EINVALID, "archive entry %q is a symbolic link; a LinkedIn export has none", name)
		}
		if f.Mode().IsDir() || strings.HasSuffix(name, "/") {
			continue
		}
		if files++; files > opt.MaxFiles {
			return nil, linkvet.Errorf(linkvet.ELIMIT, "the archive holds more than %d files (at %q)", opt.MaxFiles, name)
		}
		k := kindAt(name)
		if k == unknownKind {
			continue
		}
		if f.Flags&0x1 != 0 {
			return nil, linkvet.Errorf(linkvet.EINVALID, "archive entry %q is encrypted", name)
		}
		declared := int64(math.MaxInt64)
		if f.UncompressedSize64 < math.MaxInt64 {
			declared = int64(f.UncompressedSize64)
		}
		entries = append(entries, entry{name: name, kind: k, size: declared, open: f.Open})
	}
	return entries, nil
}

// checkEntryName refuses names that would escape the folder an archive is
// unpacked to.
func checkEntryName(name string) error {
	if strings.HasPrefix(name, "/") || len(name) >= 2 && name[1] == ':' {
		return linkvet.Errorf(linkvet.EINVALID, "archive entry %q has an absolute path", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return linkvet.Errorf(linkvet.EINVALID, "archive entry %q points outside the archive (..)", name)
		}
	}
	return nil
}

// kindAt recognises export files at the top of the archive or one folder
// down (LinkedIn's ZIPs unpack either way); deeper files are extras.
func kindAt(name string) kind {
	name = strings.TrimPrefix(name, "./")
	dir := path.Dir(name)
	if dir != "." && (strings.Contains(dir, "/") || dir == "__MACOSX") {
		return unknownKind
	}
	return kindOf(name)
}

// ReadFS reads an unpacked export: the files at the top of fsys or one
// folder down. Symbolic links to CSV files are refused, like in archives.
func ReadFS(fsys fs.FS, opt Options) (*linkvet.Export, error) {
	opt = opt.withDefaults()
	entries, err := fsEntries(fsys, opt)
	if err != nil {
		return nil, err
	}
	return readEntries(entries, "the folder", opt)
}

// fsEntries lists the export files of an unpacked export.
func fsEntries(fsys fs.FS, opt Options) ([]entry, error) {
	top, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("list export folder: %w", err)
	}
	var entries []entry
	files := 0
	var visit func(dir string, list []fs.DirEntry, depth int) error
	visit = func(dir string, list []fs.DirEntry, depth int) error {
		for _, d := range list {
			name := path.Join(dir, d.Name())
			switch {
			case d.IsDir():
				if depth == 0 && d.Name() != "__MACOSX" {
					sub, err := fs.ReadDir(fsys, name)
					if err != nil {
						return fmt.Errorf("list export folder %s: %w", name, err)
					}
					if err := visit(name, sub, 1); err != nil {
						return err
					}
				}
				continue
			case d.Type()&fs.ModeSymlink != 0:
				if kindOf(name) != unknownKind {
					return linkvet.Errorf(linkvet.EINVALID, "%s is a symbolic link; copy the file itself into the export folder", name)
				}
				continue
			case !d.Type().IsRegular():
				continue
			}
			if files++; files > opt.MaxFiles {
				return linkvet.Errorf(linkvet.ELIMIT, "the folder holds more than %d files (at %s)", opt.MaxFiles, name)
			}
			k := kindOf(name)
			if k == unknownKind {
				continue
			}
			info, err := d.Info()
			if err != nil {
				return fmt.Errorf("stat %s: %w", name, err)
			}
			entries = append(entries, entry{name: name, kind: k, size: info.Size(),
				open: func() (io.ReadCloser, error) { return fsys.Open(name) }})
		}
		return nil
	}
	if err := visit(".", top, 0); err != nil {
		return nil, err
	}
	return entries, nil
}

// readEntries reads the chosen files one after another and derives the
// export from them.
func readEntries(entries []entry, where string, opt Options) (*linkvet.Export, error) {
	chosen, ignored, err := chooseChecked(entries, where, opt)
	if err != nil {
		return nil, err
	}
	// Files are parsed side by side (an export's time goes to two big
	// files, Connections.csv and messages.csv), each into its own data,
	// then merged in a fixed order so the result never depends on timing.
	b := &budget{limit: opt.MaxTotalBytes}
	b.left.Store(opt.MaxTotalBytes)
	if opt.Progress != nil {
		var mu sync.Mutex
		progress := opt.Progress
		opt.Progress = func(file string, done, total int64) {
			mu.Lock()
			defer mu.Unlock()
			progress(file, done, total)
		}
	}
	parts := make([]data, len(chosen))
	sums := make([]linkvet.FileSummary, len(chosen))
	errs := make([]error, len(chosen))
	sem := make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))
	var wg sync.WaitGroup
	for i, e := range chosen {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			sums[i] = linkvet.FileSummary{Name: e.name}
			errs[i] = readEntry(e, &sums[i], &parts[i], b, opt, nil)
		}()
	}
	wg.Wait()
	var d data
	for i := range chosen {
		if errs[i] != nil {
			return nil, errs[i]
		}
		d.merge(&parts[i])
		d.files = append(d.files, sums[i])
	}
	d.files = append(d.files, ignored...)
	return d.export(opt.Location, opt.MessagesReady), nil
}

// readEntry parses one file into d. flush, when set, is called whenever d
// holds a batch of connections or messages, and at the end (see Stream).
func readEntry(e entry, sum *linkvet.FileSummary, d *data, b *budget, opt Options, flush func(*data) error) error {
	rc, err := e.open()
	if err != nil {
		return linkvet.Errorf(linkvet.EINVALID, "%s cannot be opened (%v)", e.name, err)
	}
	defer rc.Close()
	cr := &countingReader{r: rc, name: e.name, total: e.size, fileLimit: opt.MaxFileBytes, budget: b, progress: opt.Progress}
	if cr.progress != nil {
		cr.progress(e.name, 0, max(e.size, 0))
	}
	err = parseFile(e.kind, cr, max(e.size, 0), sum, d, opt.Location, flush)
	var le *linkvet.Error
	var he handlerError
	if errors.As(err, &le) || errors.As(err, &he) {
		return err
	} else if err != nil {
		return linkvet.Errorf(linkvet.EINVALID, "%s is damaged and cannot be read (%v)", e.name, err)
	}
	return nil
}

// chooseChecked chooses the files to read and checks their declared sizes
// against the limits.
func chooseChecked(entries []entry, where string, opt Options) (chosen []entry, ignored []linkvet.FileSummary, err error) {
	chosen, ignored = choose(entries)
	if len(chosen) == 0 {
		return nil, nil, linkvet.Errorf(linkvet.EINVALID,
			"no LinkedIn export files found in %s (looked for Connections.csv, Invitations.csv, messages.csv, Profile.csv and others, at the top or one folder down)", where)
	}
	var total int64
	for _, e := range chosen {
		if e.size > opt.MaxFileBytes {
			return nil, nil, linkvet.Errorf(linkvet.ELIMIT, "%s is %s uncompressed, over the limit of %s per file",
				e.name, formatBytes(e.size), formatBytes(opt.MaxFileBytes))
		}
		if total += e.size; total > opt.MaxTotalBytes {
			return nil, nil, linkvet.Errorf(linkvet.ELIMIT, "the export files add up to more than %s uncompressed (at %s)",
				formatBytes(opt.MaxTotalBytes), e.name)
		}
	}
	return chosen, ignored, nil
}

// choose keeps one file per kind, the one nearest the top (then the first
// by name); the others are listed with a note so the user knows they were
// not read.
func choose(entries []entry) (chosen []entry, ignored []linkvet.FileSummary) {
	slices.SortStableFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(strings.Count(a.name, "/"), strings.Count(b.name, "/")), strings.Compare(a.name, b.name))
	})
	seen := map[kind]string{}
	for _, e := range entries {
		if first, dup := seen[e.kind]; dup {
			ignored = append(ignored, linkvet.FileSummary{Name: e.name, Skipped: []linkvet.Problem{{
				File: e.name, Reason: "not read: the export already has " + first}}})
			continue
		}
		seen[e.kind] = e.name
		chosen = append(chosen, e)
	}
	return chosen, ignored
}

// budget is what is left of Options.MaxTotalBytes.
// budget is what may still be read from the whole export; files read in
// parallel draw on it together.
type budget struct {
	left  atomic.Int64
	limit int64
}

// countingReader counts the bytes actually read, since a ZIP header may lie
// about sizes, and reports progress.
type countingReader struct {
	r         io.Reader
	name      string
	done      int64
	total     int64
	fileLimit int64
	budget    *budget
	progress  func(string, int64, int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.done += int64(n)
	left := c.budget.left.Add(-int64(n))
	if c.done > c.fileLimit {
		return n, linkvet.Errorf(linkvet.ELIMIT, "%s is larger than the limit of %s per file once uncompressed",
			c.name, formatBytes(c.fileLimit))
	}
	if left < 0 {
		return n, linkvet.Errorf(linkvet.ELIMIT, "the export files add up to more than %s once uncompressed (at %s)",
			formatBytes(c.budget.limit), c.name)
	}
	if c.progress != nil && n > 0 {
		c.progress(c.name, c.done, max(c.total, c.done))
	}
	return n, err
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
