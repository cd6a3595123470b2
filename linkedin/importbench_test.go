package linkedin_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// BenchmarkImportNetworker imports a heavy networker's generated export
// (1k to 64k Invitations.csv rows, the real files' shape: see
// writeNetworkerExport) the way linkvet import does (linkedin.Stream into
// service.ImportStream, a fresh store each time). Issue 13: the cost per
// row must stay flat; x-1k is a size's cost per row over the 1k export's,
// measured in the same run (1.0 is linear).
//
//	go test ./linkedin -run '^$' -bench ImportNetworker -benchtime 3x
func BenchmarkImportNetworker(b *testing.B) {
	var perRow1k float64
	for _, n := range []int{1000, 4000, 16000, 64000} {
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			dir := b.TempDir()
			linkedin.WriteNetworkerExport(b, dir, n)
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), strconv.Itoa(i)+".db"))
				if err != nil {
					b.Fatal(err)
				}
				svc := service.New(service.Config{Store: db, Now: service.DemoNow})
				b.StartTimer()
				imp, err := svc.ImportStream(context.Background(), func(o linkedin.Options, h linkedin.StreamHandler) (*linkvet.Export, error) {
					return linkedin.Stream(dir, o, h)
				}, linkedin.Options{Location: time.UTC})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if imp.Result.Outgoing == 0 && imp.Result.Incoming == 0 {
					b.Fatalf("imported no invitations: %+v", imp.Result)
				}
				db.Close()
				b.StartTimer()
			}
			perRow := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(n)
			b.ReportMetric(perRow, "ns/row")
			if n == 1000 {
				perRow1k = perRow
			} else if perRow1k > 0 {
				b.ReportMetric(perRow/perRow1k, "x-1k")
			}
		})
	}
}
