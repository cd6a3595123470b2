package linkedin

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ZipDir writes the files under dir to w as a ZIP archive, as LinkedIn
// would send them: paths relative to dir, '/'-separated, deflated. Entries
// come in lexical order with a fixed time, so the same folder always gives
// the same bytes; tests and scripts use it to turn a folder export into an
// archive. Anything but regular files and folders is an error.
func ZipDir(dir string, w io.Writer) error {
	zw := zip.NewWriter(w)
	modified := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("zip %s: %s is not a regular file", dir, p)
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		zf, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.ToSlash(rel), Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("zip %s: %w", p, err)
		}
		if _, err := io.Copy(zf, f); err != nil {
			return fmt.Errorf("zip %s: %w", p, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return zw.Close()
}
