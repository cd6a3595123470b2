package linkedin

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/linkvet/linkvet"
)

// ReadProfile reads the user's own profile from the export at path (the
// ZIP or the folder it unpacks to): Profile.csv, Positions.csv,
// Education.csv and Skills.csv, in more detail than Export.Me keeps (the
// About text, titles and dates of positions, degrees). Other files are not
// read. The archive or folder is listed by the same hardened code as Read
// (no paths out of it, no links, the limits of opt), so a profile import
// is as safe as an export import. Errors for the user are *linkvet.Error
// naming path. An export without any of the four files is EINVALID.
func ReadProfile(path string, opt Options) (*linkvet.Profile, error) {
	opt = opt.withDefaults()
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, linkvet.Errorf(linkvet.ENOTFOUND, "%s: no such file or folder", path)
	} else if err != nil {
		return nil, fmt.Errorf("read profile: %w", err)
	}
	var entries []entry
	if info.IsDir() {
		entries, err = fsEntries(os.DirFS(path), opt)
	} else {
		var f *os.File
		if f, err = os.Open(path); err != nil {
			return nil, fmt.Errorf("read profile: %w", err)
		}
		defer f.Close()
		entries, err = zipEntries(f, info.Size(), opt)
	}
	var p *linkvet.Profile
	if err == nil {
		p, err = profileFromEntries(entries, opt)
	}
	var le *linkvet.Error
	if errors.As(err, &le) {
		return nil, linkvet.Errorf(le.Code, "%s: %s", path, le.Message)
	} else if err != nil {
		return nil, fmt.Errorf("read profile from %s: %w", path, err)
	}
	return p, nil
}

// profileKinds are the files ReadProfile reads.
var profileKinds = []kind{profileFile, positionsFile, educationFile, skillsFile}

// ReadProfileFS is ReadProfile for an unpacked export or an archive opened
// as a file system: the four files at the top or one folder down, the one
// nearer the top when there are two.
func ReadProfileFS(fsys fs.FS, opt Options) (*linkvet.Profile, error) {
	opt = opt.withDefaults()
	entries, err := fsEntries(fsys, opt)
	if err != nil {
		return nil, err
	}
	return profileFromEntries(entries, opt)
}

// profileFromEntries reads the profile files among an export's entries,
// the one nearer the top first when a kind appears twice.
func profileFromEntries(entries []entry, opt Options) (*linkvet.Profile, error) {
	var files []entry
	for _, e := range entries {
		if slices.Contains(profileKinds, e.kind) {
			files = append(files, e)
		}
	}
	slices.SortStableFunc(files, func(a, b entry) int {
		return cmp.Or(cmp.Compare(strings.Count(a.name, "/"), strings.Count(b.name, "/")), strings.Compare(a.name, b.name))
	})
	if len(files) == 0 {
		return nil, linkvet.Errorf(linkvet.EINVALID, "no profile files found (looked for Profile.csv, Positions.csv, Education.csv and Skills.csv, at the top or one folder down)")
	}
	p := &linkvet.Profile{}
	seen := map[kind]bool{}
	for _, f := range files {
		if seen[f.kind] {
			continue
		}
		seen[f.kind] = true
		if err := readProfileFile(f, p, opt); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func readProfileFile(e entry, p *linkvet.Profile, opt Options) error {
	name, k := e.name, e.kind
	if e.size > opt.MaxFileBytes {
		return linkvet.Errorf(linkvet.ELIMIT, "%s is %s, over the limit of %s per file", name, formatBytes(e.size), formatBytes(opt.MaxFileBytes))
	}
	f, err := e.open()
	if err != nil {
		return linkvet.Errorf(linkvet.EINVALID, "%s cannot be opened (%v)", name, err)
	}
	defer f.Close()
	r := &limitedReader{r: f, left: opt.MaxFileBytes, name: name}
	sum := linkvet.FileSummary{Name: name}
	t, err := openTable(r, k, &sum)
	if err != nil {
		return linkvet.Errorf(linkvet.EINVALID, "%s is damaged and cannot be read (%v)", name, err)
	}
	if t == nil {
		return nil // no header: nothing this file can tell
	}
	first := true
	for {
		row, ok, err := t.next()
		var le *linkvet.Error
		if errors.As(err, &le) {
			return err
		} else if err != nil {
			return linkvet.Errorf(linkvet.EINVALID, "%s is damaged and cannot be read (%v)", name, err)
		}
		if !ok {
			return nil
		}
		switch k {
		case profileFile:
			if !first {
				continue // one profile; the first row is it
			}
			first = false
			p.Name = fullName(row.get("firstname"), row.get("lastname"))
			p.Headline = row.get("headline")
			p.Summary = row.get("summary")
			p.Industry = row.get("industry")
			p.Location = firstNonEmpty(row.get("geolocation"), row.get("address"))
		case positionsFile:
			x := linkvet.Position{Company: row.get("companyname"), Title: row.get("title"),
				Start: parseMonth(row.get("startedon")), End: parseMonth(row.get("finishedon"))}
			if x.Company != "" || x.Title != "" {
				p.Positions = append(p.Positions, x)
			}
		case educationFile:
			if e := (linkvet.Education{School: row.get("schoolname"), Degree: row.get("degreename")}); e.School != "" {
				p.Education = append(p.Education, e)
			}
		case skillsFile:
			if s := row.get("name"); s != "" {
				p.Skills = appendUnique(p.Skills, s)
			}
		}
	}
}

// limitedReader fails once more than left bytes are read, whatever size
// the file claimed.
type limitedReader struct {
	r    io.Reader
	left int64
	name string
}

func (l *limitedReader) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	if l.left -= int64(n); l.left < 0 {
		return n, linkvet.Errorf(linkvet.ELIMIT, "%s is larger than the limit per file once uncompressed", l.name)
	}
	return n, err
}
