package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/linkvet/linkvet/linkedin"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"linkvet": func() {
			os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr), os.Stderr))
		},
	})
}

// TestScripts runs the CLI's specification: testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// Keep every test's database and data directory inside its sandbox.
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/data")
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("NO_COLOR", "1")
			exports, err := filepath.Abs("../../linkedin/testdata")
			if err != nil {
				return err
			}
			env.Setenv("EXPORTS", exports)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// zipdir DIR FILE: pack an export folder as LinkedIn would ship it.
			"zipdir": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: zipdir DIR FILE")
				}
				f, err := os.Create(ts.MkAbs(args[1]))
				ts.Check(err)
				defer f.Close()
				err = linkedin.ZipDir(ts.MkAbs(args[0]), f)
				if neg != (err != nil) {
					ts.Fatalf("zipdir: %v", err)
				}
			},
		},
	})
}
